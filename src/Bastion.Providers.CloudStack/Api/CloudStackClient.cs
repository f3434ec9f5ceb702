using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;
using Bastion.Core.Progress;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>
/// Talks to one tenant's CloudStack API endpoint (<c>…/client/api</c>), always with <c>response=json</c>.
/// <list type="bullet">
/// <item>Authentication: each request signed with the key pair (<see cref="CloudStackSigner"/>, with
/// <c>signatureVersion=3</c> and <c>expires</c> unless turned off), or a session from <c>login</c> (POST, password in the
/// form body only) whose <c>JSESSIONID</c> cookie and <c>sessionkey</c> go with every call; a 401 logs in again once.</item>
/// <item>Reads are GETs and are retried on transport trouble; async commands (deploy, start, stop, reboot, destroy) are
/// POSTs and are never sent twice. In a session every call is a POST, so the session key never sits in a URL.</item>
/// <item>Answers: the <c>&lt;command&gt;response</c> envelope is unwrapped; an <c>errorcode</c>/<c>errortext</c>
/// answer (HTTP status = errorcode) becomes a <see cref="PlatformException"/> that quotes both.</item>
/// <item>Lists follow <c>page</c>/<c>pagesize</c> until CloudStack's <c>count</c>, the caller's limit or
/// <see cref="PlatformHttpOptions.MaxItems"/>, and say when they are cut; an empty list (<c>{}</c>) is an empty list.</item>
/// <item>Async jobs are polled with <c>queryAsyncJobResult</c> through <see cref="OperationPoller"/>, with progress.</item>
/// </list>
/// Settings are read again on every call (the vault may change); nothing secret is logged, and the session key and
/// cookie are taught to the redactor.
/// </summary>
internal sealed partial class CloudStackClient : IDisposable
{
    /// <summary>The platform's name in messages.</summary>
    public const string Platform = "CloudStack";

    private readonly Func<CloudStackSettings> _settings;
    private readonly Func<bool> _configured;
    private readonly PlatformHttp _http;
    private readonly PlatformHttpOptions _httpOptions;
    private readonly CloudStackOptions _options;
    private readonly TimeProvider _clock;
    private readonly Redactor _redactor;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _login = new(1, 1);
    private CloudStackSession? _session;

    /// <param name="settings">Reads the current settings; throws a <see cref="PlatformException"/> saying what to store when there are none.</param>
    /// <param name="configured">True when settings are stored (cheap; no exception).</param>
    /// <param name="http">Timeouts, retries, breaker and the listing bound.</param>
    /// <param name="options">Job polling, page size, signature lifetime.</param>
    /// <param name="clock">Time of signatures, sessions, polls and the HTTP policies.</param>
    /// <param name="redactor">Taught the session's secrets.</param>
    /// <param name="logger">Where calls are logged (command, method, status, duration; never parameters).</param>
    /// <param name="handler">The innermost HTTP handler (tests); default a pooled handler without cookies or redirects.</param>
    public CloudStackClient(
        Func<CloudStackSettings> settings,
        Func<bool> configured,
        PlatformHttpOptions http,
        CloudStackOptions options,
        TimeProvider clock,
        Redactor redactor,
        ILogger<CloudStackClient> logger,
        HttpMessageHandler? handler = null)
    {
        _settings = settings;
        _configured = configured;
        _httpOptions = http;
        _options = options;
        _clock = clock;
        _redactor = redactor;
        _logger = logger;
        _http = new PlatformHttp(Platform, http, clock, new ApiErrorStatusHandler(handler ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
        }));
    }

    /// <summary>True when the vault holds what CloudStack needs.</summary>
    public bool IsConfigured => _configured();

    /// <summary>The current settings.</summary>
    /// <exception cref="PlatformException">Not configured; the message lists the vault commands.</exception>
    public CloudStackSettings Settings => _settings();

    /// <summary>The most items one listing gathers.</summary>
    public int MaxItems => _httpOptions.MaxItems;

    /// <summary>Calls a command that only reads; retried on transport trouble.</summary>
    /// <returns>The inner object of the <c>&lt;command&gt;response</c> envelope.</returns>
    /// <exception cref="PlatformException">CloudStack refused (its errorcode and errortext quoted), or could not be reached.</exception>
    public Task<JsonElement> ReadAsync(string command, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken) =>
        CallAsync(command, parameters, idempotent: true, cancellationToken);

    /// <summary>Calls a synchronous command that changes things (POST, never sent twice).</summary>
    /// <returns>The inner object of the <c>&lt;command&gt;response</c> envelope.</returns>
    /// <exception cref="PlatformException">CloudStack refused, or could not be reached (the command may or may not have been received).</exception>
    public Task<JsonElement> ChangeAsync(string command, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken) =>
        CallAsync(command, parameters, idempotent: false, cancellationToken);

    /// <summary>Starts an async command (POST, never retried) and returns its job.</summary>
    /// <exception cref="PlatformException">CloudStack refused the command, or could not be reached (the command may or may not have been received).</exception>
    public async Task<JobStarted> StartJobAsync(string command, IReadOnlyDictionary<string, string?> parameters, CancellationToken cancellationToken)
    {
        var inner = await CallAsync(command, parameters, idempotent: false, cancellationToken);
        var jobId = inner.Str("jobid")
            ?? throw new PlatformException(Platform, $"{command} answered without a jobid, so there is no job to follow: {Limit(inner.GetRawText())}");
        return new JobStarted(jobId, inner.Str("id"));
    }

    /// <summary>One look at an async job (<c>queryAsyncJobResult</c>).</summary>
    public async Task<AsyncJob> QueryJobAsync(string jobId, CancellationToken cancellationToken) =>
        AsyncJob.From(await ReadAsync("queryAsyncJobResult", new Dictionary<string, string?> { ["jobid"] = jobId }, cancellationToken));

    /// <summary>Polls a job every <see cref="CloudStackOptions.JobPollInterval"/> until it is done, reporting each look as progress.</summary>
    /// <param name="jobId">The job.</param>
    /// <param name="what">What the job does, for progress and messages (e.g. "stop VM web-01").</param>
    /// <param name="progress">Told of every look; may be null.</param>
    /// <param name="cancellationToken">Ends the wait, not the job.</param>
    /// <returns>The finished job, succeeded or not.</returns>
    /// <exception cref="PlatformException">The job did not finish within <see cref="CloudStackOptions.JobTimeout"/> (it may still), or polling failed.</exception>
    public Task<AsyncJob> WaitForJobAsync(string jobId, string what, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        OperationPoller.PollAsync(
            Platform,
            $"job {jobId} ({what})",
            async token =>
            {
                var job = await QueryJobAsync(jobId, token);
                return new PollState<AsyncJob>(job.Done, job, job.StatusName);
            },
            _options.JobPollInterval,
            _options.JobTimeout,
            progress,
            _clock,
            cancellationToken);

    /// <summary>
    /// A list command followed over its pages (<c>page</c> and <c>pagesize</c> always together) until CloudStack's
    /// <c>count</c> is reached, a page comes back empty, <paramref name="limit"/> items are gathered, or
    /// <see cref="PlatformHttpOptions.MaxItems"/> is: then the result says it was cut.
    /// </summary>
    /// <param name="command">E.g. <c>listVirtualMachines</c>.</param>
    /// <param name="itemKey">The array's name in the answer, e.g. <c>virtualmachine</c>.</param>
    /// <param name="filters">The command's filters; null values are left out.</param>
    /// <param name="limit">Most items wanted.</param>
    /// <param name="map">Turns one item into its record.</param>
    /// <param name="cancellationToken">Ends the listing.</param>
    public async Task<CloudStackList<T>> ListAsync<T>(
        string command,
        string itemKey,
        IReadOnlyDictionary<string, string?> filters,
        int limit,
        Func<JsonElement, T> map,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(map);
        var bound = Math.Max(1, _httpOptions.MaxItems);
        var wanted = Math.Clamp(limit, 1, bound);
        var pageSize = Math.Clamp(wanted, 1, Math.Max(1, _options.MaxPageSize));
        var list = await PlatformPaging.GatherAsync(
            async (cursor, ct) =>
            {
                var page = cursor is null ? 1 : int.Parse(cursor, CultureInfo.InvariantCulture);
                var parameters = new Dictionary<string, string?>(filters, StringComparer.Ordinal)
                {
                    ["page"] = page.ToString(CultureInfo.InvariantCulture),
                    ["pagesize"] = pageSize.ToString(CultureInfo.InvariantCulture),
                };
                var inner = await ReadAsync(command, parameters, ct);
                var count = inner.Int("count");
                var batch = inner.Items(itemKey).ToList();
                var last = count is null ? batch.Count < pageSize : page * pageSize >= count;
                // Without a count CloudStack says nothing of what is left: a full page is followed, but the list is not called cut.
                return new PlatformPage<JsonElement>(batch, last ? null : (page + 1).ToString(CultureInfo.InvariantCulture), count, count is not null && !last);
            },
            wanted,
            (bound / pageSize) + 2,
            element => element.Str("id"),
            cancellationToken);
        var items = list.Items.Select(map).ToList();
        var total = list.Total;
        var truncated = list.Truncated;
        string? note = null;
        if (truncated && items.Count >= bound)
        {
            note = $"Cut at {bound} items, the most one listing gathers; CloudStack reports {total}. Narrow the filters (zone, keyword, state…) to see the rest.";
            LogCut(_logger, command, bound, total);
        }
        else if (truncated)
        {
            note = $"Showing {items.Count} of {total}; raise limit (up to {bound}) or narrow the filters to see others.";
        }

        return new CloudStackList<T>(total, items, truncated, note);
    }

    private async Task<JsonElement> CallAsync(string command, IReadOnlyDictionary<string, string?> parameters, bool idempotent, CancellationToken cancellationToken)
    {
        var settings = _settings();
        var given = parameters.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!)).ToList();
        if (settings.Mode == CloudStackAuthMode.ApiKey)
        {
            return await SendAsync(settings, command, () => Signed(settings, command, given, idempotent), idempotent, null, cancellationToken);
        }

        var session = await SessionAsync(settings, stale: null, cancellationToken);
        try
        {
            return await SendAsync(settings, command, () => InSession(session, command, given), idempotent, session, cancellationToken);
        }
        catch (PlatformException e) when (e.Status == 401)
        {
            // The session expired or was ended on the server; CloudStack refused before running anything, so the call
            // can be sent again after one new login.
            LogSessionRefused(_logger, command);
            session = await SessionAsync(settings, stale: session, cancellationToken);
            return await SendAsync(settings, command, () => InSession(session, command, given), idempotent, session, cancellationToken);
        }
    }

    private async Task<JsonElement> SendAsync(
        CloudStackSettings settings,
        string command,
        Func<HttpRequestMessage> create,
        bool idempotent,
        CloudStackSession? session,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(create, idempotent, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var method = response.RequestMessage?.Method.Method ?? "?";
        LogCall(_logger, command, method, (int)response.StatusCode, elapsed);
        session?.Touch(_clock);
        return Unwrap(command, (int)response.StatusCode, body, settings.Mode);
    }

    private HttpRequestMessage Signed(CloudStackSettings settings, string command, List<KeyValuePair<string, string>> given, bool idempotent)
    {
        var all = new List<KeyValuePair<string, string>>(given)
        {
            KeyValuePair.Create("command", command),
            KeyValuePair.Create("response", "json"),
            KeyValuePair.Create("apiKey", settings.ApiKey!),
        };
        if (_options.SignatureLifetime is { } lifetime)
        {
            all.Add(KeyValuePair.Create("signatureVersion", "3"));
            all.Add(KeyValuePair.Create("expires", CloudStackSigner.FormatExpires(_clock.GetUtcNow() + lifetime)));
        }

        all.Add(KeyValuePair.Create("signature", CloudStackSigner.Sign(all, settings.SecretKey!)));
        var encoded = CloudStackSigner.FormEncode(all);
        return idempotent
            ? new HttpRequestMessage(HttpMethod.Get, new Uri($"{settings.Endpoint.GetLeftPart(UriPartial.Path)}?{encoded}"))
            : new HttpRequestMessage(HttpMethod.Post, settings.Endpoint) { Content = Form(encoded) };
    }

    private static HttpRequestMessage InSession(CloudStackSession session, string command, List<KeyValuePair<string, string>> given)
    {
        var all = new List<KeyValuePair<string, string>>(given)
        {
            KeyValuePair.Create("command", command),
            KeyValuePair.Create("response", "json"),
            KeyValuePair.Create("sessionkey", session.SessionKey),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, session.Settings.Endpoint) { Content = Form(CloudStackSigner.FormEncode(all)) };
        request.Headers.Add("Cookie", $"JSESSIONID={session.SessionCookie}");
        return request;
    }

    private async Task<CloudStackSession> SessionAsync(CloudStackSettings settings, CloudStackSession? stale, CancellationToken cancellationToken)
    {
        if (_session is { } current && current != stale && current.Fits(settings, _clock))
        {
            return current;
        }

        await _login.WaitAsync(cancellationToken);
        try
        {
            if (_session is { } again && again != stale && again.Fits(settings, _clock))
            {
                return again;
            }

            _session = await LoginAsync(settings, cancellationToken);
            return _session;
        }
        finally
        {
            _login.Release();
        }
    }

    private async Task<CloudStackSession> LoginAsync(CloudStackSettings settings, CancellationToken cancellationToken)
    {
        var form = CloudStackSigner.FormEncode(
        [
            KeyValuePair.Create("command", "login"),
            KeyValuePair.Create("username", settings.Username!),
            KeyValuePair.Create("password", settings.Password!),
            KeyValuePair.Create("domain", settings.Domain),
            KeyValuePair.Create("response", "json"),
        ]);

        // Logging in twice does no harm, so a login is retried on transport trouble like a read.
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, settings.Endpoint) { Content = Form(form) }, idempotent: true, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        LogCall(_logger, "login", "POST", (int)response.StatusCode, elapsed);
        var inner = Unwrap("login", (int)response.StatusCode, body, CloudStackAuthMode.Session);
        var sessionKey = inner.Str("sessionkey");
        var cookie = SessionCookie(response);
        if (sessionKey is null || cookie is null)
        {
            throw new PlatformException(Platform, $"the login answer has no {(sessionKey is null ? "sessionkey" : "JSESSIONID cookie")}, so there is no session to use. Is {CloudStackVault.Url} the API endpoint (…/client/api)?");
        }

        _redactor.AddKnownSecret(sessionKey);
        _redactor.AddKnownSecret(cookie);
        if (inner.Flag("is2faenabled") == true && inner.Flag("is2faverified") != true)
        {
            throw new PlatformException(Platform, $"this user has two-factor authentication, which Bastion's login cannot complete. Create an API key pair for it and store {CloudStackVault.ApiKey} and {CloudStackVault.SecretKey} instead.", 411);
        }

        var timeout = inner.Long("timeout") is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : _options.DefaultSessionLifetime;
        LogLoggedIn(_logger, settings.Endpoint.Host, timeout.TotalSeconds);
        return new CloudStackSession(settings, sessionKey, cookie, timeout, _clock.GetTimestamp());
    }

    private static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Select(c => c.Split(';', 2)[0].Trim())
                .Where(c => c.StartsWith("JSESSIONID=", StringComparison.OrdinalIgnoreCase))
                .Select(c => c["JSESSIONID=".Length..])
                .FirstOrDefault(v => v.Length > 0)
            : null;

    private static StringContent Form(string encoded) => new(encoded, Encoding.UTF8, "application/x-www-form-urlencoded");

    /// <summary>
    /// The inner object of CloudStack's answer <c>{"&lt;command&gt;response": {…}}</c>.
    /// </summary>
    /// <exception cref="PlatformException">The answer is an API error (errorcode, cserrorcode and errortext quoted; status =
    /// errorcode), is not JSON, or is a non-2xx status without an API error.</exception>
    internal static JsonElement Unwrap(string command, int status, string body, CloudStackAuthMode mode)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw status is >= 200 and < 300
                ? new PlatformException(Platform, $"{command} answered something that is not JSON ({Limit(body)}). Is {CloudStackVault.Url} the API endpoint (…/client/api)?", status)
                : PlatformException.Refused(Platform, $"{command} failed with HTTP {status} and no API error in the answer ({Limit(body)}).{(status >= 500 ? " The management server may be starting or overloaded; try again shortly." : string.Empty)}", status);
        }

        var key = command.ToLowerInvariant() + "response";
        var inner = root.ValueKind == JsonValueKind.Object && root.TryGetProperty(key, out var named) && named.ValueKind == JsonValueKind.Object
            ? named
            : root.ValueKind == JsonValueKind.Object && root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Object).Take(2).ToList() is [var only]
                ? only.Value
                : root;
        if (inner.ValueKind == JsonValueKind.Object && inner.TryGetProperty("errorcode", out _))
        {
            throw ApiError(command, inner, mode);
        }

        if (status is < 200 or >= 300)
        {
            throw PlatformException.Refused(Platform, $"{command} failed with HTTP {status}: {Limit(body)}", status);
        }

        return inner;
    }

    private static PlatformException ApiError(string command, JsonElement inner, CloudStackAuthMode mode)
    {
        var code = inner.Int("errorcode");
        var csCode = inner.Int("cserrorcode");
        var text = inner.Str("errortext") ?? "no error text";
        var hint = code switch
        {
            401 or 531 when command == "login" => $" The login was refused: check {CloudStackVault.Username}, {CloudStackVault.Password} and {CloudStackVault.Domain} in the vault.",
            401 when mode == CloudStackAuthMode.ApiKey => $" The key pair or the signature was refused: check {CloudStackVault.ApiKey} and {CloudStackVault.SecretKey} (a wrong secret key gives this same answer), that the key's user is enabled, and that this machine's clock is right (signed requests expire).",
            401 => $" The session was refused; check {CloudStackVault.Username}, {CloudStackVault.Password} and {CloudStackVault.Domain}.",
            405 => " The HTTP method is not allowed for this command.",
            411 => $" The user needs two-factor authentication; use an API key pair ({CloudStackVault.ApiKey}, {CloudStackVault.SecretKey}) instead.",
            429 => " CloudStack's API rate limit was reached; wait a little and try again.",
            431 => " A parameter is missing or invalid.",
            432 => " CloudStack does not offer this action here.",
            531 => " The account was refused or is disabled.",
            532 => " The account's resource limit is reached.",
            533 => " There is not enough capacity; try another offering or zone.",
            _ => string.Empty,
        };
        var codes = $"errorcode {code?.ToString(CultureInfo.InvariantCulture) ?? "?"}{(csCode is { } cs ? $", cserrorcode {cs.ToString(CultureInfo.InvariantCulture)}" : string.Empty)}";
        return new PlatformException(Platform, $"{command} failed ({codes}): {text.TrimEnd('.')}.{hint}", code, transient: code is 429 or 503);
    }

    private static string Limit(string text)
    {
        var flat = string.Join(' ', text.Split((char[])['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return flat.Length == 0 ? "empty body" : flat.Length <= 200 ? flat : flat[..200] + "…";
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _http.Dispose();
        _login.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "CloudStack {Command} ({Method}) answered HTTP {Status} in {Milliseconds:0.0} ms")]
    private static partial void LogCall(ILogger logger, string command, string method, int status, double milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Logged in to CloudStack at {Host}; the session lasts {Seconds} s idle")]
    private static partial void LogLoggedIn(ILogger logger, string host, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "CloudStack refused the session for {Command}; logging in again once")]
    private static partial void LogSessionRefused(ILogger logger, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudStack {Command} listing cut at {Bound} items of {Total}")]
    private static partial void LogCut(ILogger logger, string command, int bound, int total);
}
