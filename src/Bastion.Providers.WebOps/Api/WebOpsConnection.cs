using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Credentials;
using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.WebOps.Api;

/// <summary>
/// One signed-in conversation with one WebOps: its cookies (<c>csrftoken</c>, <c>sessionid</c>), how each area of the
/// site (<c>/api/</c>, <c>/monitoring/</c>, <c>/compliance/</c>) accepts the caller, and the CSRF header on unsafe methods.
/// </summary>
/// <remarks>
/// <para>Authentication: with <c>webops/token</c>, requests carry <c>Authorization: Bearer</c>. WebOps's views are
/// <c>@login_required</c>, which answers a request it does not accept with a 302 to <c>/auth/login/</c>; when that
/// happens (or a token is refused with 401) and a username and password are stored, that area switches to session
/// login, otherwise the caller is told what to store. Session login is Django's form: GET the login page (the
/// <c>csrftoken</c> cookie and the form's <c>csrfmiddlewaretoken</c>), POST the form with a <c>Referer</c>, keep the
/// <c>sessionid</c> cookie. A session that expired shows as the same redirect: Bastion logs in again once and repeats
/// the request (safe even for POSTs: the redirect comes before the view runs); a second redirect is an error.</para>
/// <para>CSRF: POST and DELETE carry <c>X-CSRFToken</c> (the cookie's value) and a same-origin <c>Referer</c>. A CSRF
/// refusal (403) makes Bastion fetch a fresh cookie and repeat the request once — Django refuses before the view runs.</para>
/// <para>A session login is kept in the vault (<see cref="WebOpsVault.Session"/>, encrypted like every vault value) and
/// reused by the next process for the same address and user, so a <c>bastion call</c> does not log in again while the
/// session lives; an expired or revoked one shows as the login redirect above.</para>
/// <para>Every session id and CSRF value is taught to the redactor, so none can leave in a tool's output or a log.</para>
/// </remarks>
internal sealed partial class WebOpsConnection : IDisposable
{
    private const string LoginPath = "auth/login/";

    private readonly CookieContainer _cookies = new();
    private readonly PlatformHttp _http;
    private readonly SemaphoreSlim _loginGate = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _sessionAreas = new(StringComparer.Ordinal);
    private readonly HashSet<string> _taught = new(StringComparer.Ordinal);
    private readonly Redactor _redactor;
    private readonly ILogger _logger;
    private volatile bool _loggedIn;
    private int _generation;

    private readonly Func<string, CancellationToken, Task>? _keep;
    private readonly ISharedTokens? _shared;
    private readonly TimeProvider _clock;

    /// <summary>The session value (<see cref="WebOpsSession.Format"/>) this connection holds, as shared; null for none.</summary>
    private string? _sharedSession;

    /// <param name="settings">Where WebOps is and how to sign in.</param>
    /// <param name="options">HTTP resilience.</param>
    /// <param name="redactor">Taught every session id and CSRF value.</param>
    /// <param name="clock">Time of the HTTP waits and session expiry.</param>
    /// <param name="logger">Sign-in events.</param>
    /// <param name="kept">The session a previous process kept (<see cref="WebOpsVault.Session"/>), reused when it is for
    /// these settings and unexpired; null for none.</param>
    /// <param name="keep">Keeps a new session for the next process; null: sessions are not kept.</param>
    /// <param name="shared">
    /// The servers' shared tokens (<c>serve --store</c>): a login is then single-flight across every server of the store
    /// (one takes the lock and logs in, the others wait and take its session), so the panel's login limit (5 per 15
    /// minutes) is not spent once per server; null: this process logs in for itself.
    /// </param>
    public WebOpsConnection(WebOpsSettings settings, WebOpsOptions options, Redactor redactor, TimeProvider clock, ILogger logger, string? kept = null, Func<string, CancellationToken, Task>? keep = null, ISharedTokens? shared = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        Settings = settings;
        _redactor = redactor;
        _logger = logger;
        _keep = keep;
        _shared = shared;
        _clock = clock;
        _http = new PlatformHttp(WebOpsClient.Platform, options.Http, clock, new SocketsHttpHandler
        {
            CookieContainer = _cookies,
            UseCookies = true,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        if (settings.CanLogIn && WebOpsSession.Read(kept, settings, clock.GetUtcNow()) is { } session)
        {
            _cookies.Add(settings.BaseUrl, new Cookie("sessionid", session.SessionId, "/"));
            _cookies.Add(settings.BaseUrl, new Cookie("csrftoken", session.CsrfToken, "/"));
            Teach(session.SessionId);
            Teach(session.CsrfToken);
            _sharedSession = kept;
            MarkLoggedIn(); // an expired or revoked one shows as the login redirect: Bastion logs in again once
        }
    }

    public WebOpsSettings Settings { get; }

    /// <summary>Sends a request as the signed-in caller and returns WebOps's answer, whatever its status.</summary>
    /// <param name="method">GET, POST or DELETE; only GETs are retried after transient failures.</param>
    /// <param name="path">Path under the base URL, without a leading slash, e.g. <c>api/deployments/?page=1</c>.</param>
    /// <param name="content">Makes the body for each attempt; null for none.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <exception cref="PlatformException">Not authenticated (with what to store), a CSRF refusal that a fresh token did
    /// not cure, or no answer (unreachable, timeout, breaker open).</exception>
    public async Task<WebOpsAnswer> SendAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(path);
        var area = path.Split('/', 2)[0];
        var unsafeMethod = method != HttpMethod.Get && method != HttpMethod.Head;
        var loggedInAgain = false;
        var csrfRetried = false;
        while (true)
        {
            var useToken = Settings.Token is not null && !_sessionAreas.ContainsKey(area);
            if (!useToken)
            {
                await EnsureLoggedInAsync(cancellationToken);
            }

            var generation = Volatile.Read(ref _generation);
            if (unsafeMethod)
            {
                await EnsureCsrfCookieAsync(useToken, generation, cancellationToken);
                generation = Volatile.Read(ref _generation);
            }

            var answer = await SendOnceAsync(method, path, content, useToken, unsafeMethod, cancellationToken);
            if (answer.IsLoginRedirect)
            {
                if (useToken)
                {
                    if (!Settings.CanLogIn)
                    {
                        throw WebOpsErrors.NotAuthenticated(
                            $"WebOps answered {method} /{PathOnly(path)} with a redirect to its login page, so it does not accept the bearer token in {WebOpsVault.Token} " +
                            $"there (its views use Django session login). Store {WebOpsVault.Username} and {WebOpsVault.Password} so Bastion can log in.", answer.Status);
                    }

                    _sessionAreas[area] = true;
                    LogTokenNotAccepted(_logger, area);
                    continue;
                }

                if (loggedInAgain)
                {
                    throw WebOpsErrors.NotAuthenticated(
                        $"WebOps sent {method} /{PathOnly(path)} to its login page again right after a successful login: the session it issued is not honoured " +
                        "(check WebOps's session settings and that webops/url is the address WebOps is served at).", answer.Status);
                }

                loggedInAgain = true;
                LogSessionExpired(_logger);
                await LogInAgainAsync(generation, cancellationToken);
                continue;
            }

            if (answer.Status == 401 && useToken)
            {
                var why = WebOpsErrors.MessageOf(answer) ?? "the token was refused";
                if (!Settings.CanLogIn)
                {
                    throw WebOpsErrors.NotAuthenticated($"WebOps refused the token in {WebOpsVault.Token} ({why}); create a new API token in WebOps and store it, or store {WebOpsVault.Username} and {WebOpsVault.Password}.", 401);
                }

                _sessionAreas[area] = true;
                LogTokenRefused(_logger, area);
                continue;
            }

            if (answer.IsCsrfFailure)
            {
                if (csrfRetried)
                {
                    throw new PlatformException(WebOpsClient.Platform,
                        $"{method} /{PathOnly(path)} was refused by WebOps's CSRF check twice (HTTP 403: {WebOpsErrors.CsrfReason(answer)}); nothing was done. " +
                        "If WebOps is behind a TLS proxy, webops/url must be its https:// address: Django checks the Referer against it.", 403);
                }

                csrfRetried = true;
                var reason = WebOpsErrors.CsrfReason(answer);
                LogCsrfRefused(_logger, reason);
                ExpireCookie("csrftoken"); // the next round fetches a fresh one (with a new login when signed in by session)
                continue;
            }

            return answer;
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _loginGate.Dispose();
    }

    private async Task<WebOpsAnswer> SendOnceAsync(HttpMethod method, string path, Func<HttpContent>? content, bool useToken, bool unsafeMethod, CancellationToken cancellationToken)
    {
        var uri = new Uri(Settings.BaseUrl, path);
        using var response = await _http.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(method, uri) { Content = content?.Invoke() };
                request.Headers.Accept.ParseAdd("application/json");
                request.Headers.Add("X-Requested-With", "XMLHttpRequest");
                if (useToken)
                {
                    request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Settings.Token);
                }

                if (unsafeMethod)
                {
                    request.Headers.Referrer = Settings.BaseUrl;
                    if (CookieValue("csrftoken") is { } csrf)
                    {
                        request.Headers.Add("X-CSRFToken", csrf);
                    }
                }

                return request;
            },
            idempotent: method == HttpMethod.Get,
            cancellationToken);
        var answer = await WebOpsAnswer.ReadAsync(method.Method, "/" + PathOnly(path), uri, response, cancellationToken);
        TeachCookies();
        if (path == LoginPath && LoginForm.CsrfToken(answer.Body) is { } formToken)
        {
            Teach(formToken); // a masked form of the CSRF secret: as good as the cookie
        }

        return answer;
    }

    private async Task EnsureLoggedInAsync(CancellationToken cancellationToken)
    {
        if (_loggedIn)
        {
            return;
        }

        await _loginGate.WaitAsync(cancellationToken);
        try
        {
            if (!_loggedIn)
            {
                await LogInAsync(cancellationToken);
            }
        }
        finally
        {
            _loginGate.Release();
        }
    }

    private async Task LogInAgainAsync(int generation, CancellationToken cancellationToken)
    {
        await _loginGate.WaitAsync(cancellationToken);
        try
        {
            if (Volatile.Read(ref _generation) == generation)
            {
                _loggedIn = false;
                ExpireCookie("sessionid");
                await LogInAsync(cancellationToken);
            }
        }
        finally
        {
            _loginGate.Release();
        }
    }

    /// <summary>
    /// Logs in: here, or with shared tokens under the lock of this panel and user, taking the session another server
    /// stored when it is valid for another minute and is not the one this connection holds (which is why it logs in).
    /// </summary>
    private async Task LogInAsync(CancellationToken cancellationToken)
    {
        if (_shared is null || !Settings.CanLogIn)
        {
            await LogInHereAsync(cancellationToken);
            return;
        }

        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{Settings.BaseUrl}\n{Settings.Username}\n{Settings.Password}")));
        var loggedInHere = false;
        var issued = await _shared.GetOrExchangeAsync(
            $"webops:{fingerprint}",
            _sharedSession,
            _clock.GetUtcNow().AddMinutes(1),
            async ct =>
            {
                await LogInHereAsync(ct);
                loggedInHere = true;
                var session = CookieSession() ?? throw WebOpsErrors.NotAuthenticated("WebOps's login gave no session cookie to share.", 200);
                // A session cookie without an expiry lives as long as the panel keeps it: shared for an hour (SESSION_COOKIE_AGE's default).
                return new IssuedToken(session.Format(Settings), session.Expires ?? _clock.GetUtcNow().AddHours(1));
            },
            cancellationToken);
        _sharedSession = issued.AccessToken;
        if (!loggedInHere && WebOpsSession.Read(issued.AccessToken, Settings, _clock.GetUtcNow()) is { } taken)
        {
            _cookies.Add(Settings.BaseUrl, new Cookie("sessionid", taken.SessionId, "/"));
            _cookies.Add(Settings.BaseUrl, new Cookie("csrftoken", taken.CsrfToken, "/"));
            Teach(taken.SessionId);
            Teach(taken.CsrfToken);
            MarkLoggedIn();
        }
    }

    /// <summary>Django's login form: GET for the CSRF cookie and form token, POST the form, keep the session cookie.</summary>
    private async Task LogInHereAsync(CancellationToken cancellationToken)
    {
        if (!Settings.CanLogIn)
        {
            throw WebOpsErrors.NotAuthenticated($"this part of WebOps needs a session login, and no {WebOpsVault.Username} and {WebOpsVault.Password} are stored. {WebOpsSettings.SetupHint}");
        }

        var page = await SendOnceAsync(HttpMethod.Get, LoginPath, null, useToken: false, unsafeMethod: false, cancellationToken);
        if (page.Status is >= 300 and < 400 && !page.IsLoginRedirect && CookieValue("sessionid") is not null)
        {
            MarkLoggedIn(); // the session cookie is still good: Django sends logged-in users on to the dashboard
            return;
        }

        if (page.Status != 200)
        {
            throw WebOpsErrors.NotAuthenticated($"WebOps's login page {Settings.BaseUrl.AbsolutePath}{LoginPath} answered HTTP {page.Status}; is webops/url the control panel's address?", page.Status);
        }

        var token = LoginForm.CsrfToken(page.Body) ?? CookieValue("csrftoken");
        if (token is null)
        {
            throw WebOpsErrors.NotAuthenticated($"WebOps's login page carries no CSRF token (no csrfmiddlewaretoken field, no csrftoken cookie); is webops/url the control panel's address?", page.Status);
        }

        Teach(token);
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["csrfmiddlewaretoken"] = token,
            ["username"] = Settings.Username!,
            ["password"] = Settings.Password!,
            ["remember_me"] = "on",
        };
        var uri = new Uri(Settings.BaseUrl, LoginPath);
        using var response = await _http.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
                request.Headers.Referrer = uri;
                return request;
            },
            idempotent: false,
            cancellationToken);
        var answer = await WebOpsAnswer.ReadAsync("POST", "/" + LoginPath, uri, response, cancellationToken);
        TeachCookies();
        switch (answer.Status)
        {
            case >= 300 and < 400 when answer.Location?.AbsolutePath.Contains("2fa", StringComparison.OrdinalIgnoreCase) == true:
                throw WebOpsErrors.NotAuthenticated($"the WebOps user in {WebOpsVault.Username} has two-factor login, which Bastion cannot complete. Use a user without it, or an API token ({WebOpsVault.Token}) where WebOps accepts one.", answer.Status);
            case >= 300 and < 400 when !answer.IsLoginRedirect && CookieValue("sessionid") is not null:
                MarkLoggedIn();
                LogLoggedIn(_logger, Settings.BaseUrl.Host);
                await KeepSessionAsync(cancellationToken);
                return;
            case 200:
                throw WebOpsErrors.NotAuthenticated($"WebOps refused the username and password in {WebOpsVault.Username} and {WebOpsVault.Password} (its login form came back). Check them with `bastion vault set`.", 200);
            case 403 when answer.IsCsrfFailure:
                throw WebOpsErrors.NotAuthenticated($"WebOps refused the login form's CSRF token ({WebOpsErrors.CsrfReason(answer)}). If WebOps is behind a TLS proxy, webops/url must be its https:// address: Django checks the Referer against it.", 403);
            case 429:
                throw new PlatformException(WebOpsClient.Platform, "not authenticated: too many login attempts (HTTP 429); WebOps limits logins to 5 per 15 minutes. Try again later.", 429, transient: true);
            default:
                throw WebOpsErrors.NotAuthenticated($"WebOps answered the login form with HTTP {answer.Status}{(answer.Location is { } to ? " to " + to.AbsolutePath : string.Empty)} and no session.", answer.Status);
        }
    }

    /// <summary>Keeps the session just issued for the next process; a failure to keep it costs only a later login.</summary>
    private async Task KeepSessionAsync(CancellationToken cancellationToken)
    {
        if (_keep is null || CookieSession() is not { } session)
        {
            return;
        }

        try
        {
            await _keep(session.Format(Settings), cancellationToken);
        }
        catch (Exception e) when (e is Core.BastionException or IOException or UnauthorizedAccessException)
        {
            LogSessionNotKept(_logger, e.Message);
        }
    }

    /// <summary>The session the cookies hold (id, CSRF token, the session cookie's expiry); null without both cookies.</summary>
    private WebOpsSession? CookieSession()
    {
        if (CookieValue("sessionid") is not { } id || CookieValue("csrftoken") is not { } csrf)
        {
            return null;
        }

        DateTimeOffset? expires = null;
        foreach (Cookie cookie in _cookies.GetCookies(Settings.BaseUrl))
        {
            if (cookie.Name == "sessionid" && cookie.Expires != DateTime.MinValue)
            {
                expires = new DateTimeOffset(cookie.Expires.ToUniversalTime(), TimeSpan.Zero);
            }
        }

        return new WebOpsSession(id, csrf, expires);
    }

    private void MarkLoggedIn()
    {
        _loggedIn = true;
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// Makes sure a <c>csrftoken</c> cookie is held. Django sets it when it renders a form: the public login page serves
    /// a token-authenticated caller; a signed-in caller is sent on from the login page, so a new login (which rotates
    /// the secret) serves it.
    /// </summary>
    private async Task EnsureCsrfCookieAsync(bool useToken, int generation, CancellationToken cancellationToken)
    {
        if (CookieValue("csrftoken") is not null)
        {
            return;
        }

        if (useToken)
        {
            await SendOnceAsync(HttpMethod.Get, LoginPath, null, useToken: false, unsafeMethod: false, cancellationToken);
        }
        else
        {
            await LogInAgainAsync(generation, cancellationToken);
        }

        if (CookieValue("csrftoken") is null)
        {
            throw new PlatformException(WebOpsClient.Platform, $"WebOps set no csrftoken cookie, which its POST and DELETE routes require; is webops/url the control panel's address?");
        }
    }

    private void ExpireCookie(string name)
    {
        foreach (Cookie cookie in _cookies.GetCookies(Settings.BaseUrl))
        {
            if (cookie.Name == name)
            {
                cookie.Expired = true;
            }
        }
    }

    private string? CookieValue(string name)
    {
        foreach (Cookie cookie in _cookies.GetCookies(Settings.BaseUrl))
        {
            if (cookie.Name == name && !cookie.Expired && cookie.Value.Length > 0)
            {
                return cookie.Value;
            }
        }

        return null;
    }

    private void TeachCookies()
    {
        foreach (Cookie cookie in _cookies.GetCookies(Settings.BaseUrl))
        {
            if (cookie.Name is "sessionid" or "csrftoken")
            {
                Teach(cookie.Value);
            }
        }
    }

    private void Teach(string secret)
    {
        lock (_taught)
        {
            if (!_taught.Add(secret))
            {
                return;
            }
        }

        _redactor.AddKnownSecret(secret);
    }

    private static string PathOnly(string path) => path.Split('?', 2)[0];

    [LoggerMessage(Level = LogLevel.Information, Message = "Logged in to WebOps at {Host}")]
    private static partial void LogLoggedIn(ILogger logger, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not keep the WebOps session for the next process ({Reason}); the next process logs in again")]
    private static partial void LogSessionNotKept(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebOps session expired or was refused; logging in again once")]
    private static partial void LogSessionExpired(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebOps redirected a bearer-token request under /{Area}/ to its login page; using session login there")]
    private static partial void LogTokenNotAccepted(ILogger logger, string area);

    [LoggerMessage(Level = LogLevel.Warning, Message = "WebOps refused the API token under /{Area}/ (401); using session login there")]
    private static partial void LogTokenRefused(ILogger logger, string area);

    [LoggerMessage(Level = LogLevel.Information, Message = "WebOps refused a request's CSRF token ({Reason}); fetching a fresh one and trying once more")]
    private static partial void LogCsrfRefused(ILogger logger, string reason);
}
