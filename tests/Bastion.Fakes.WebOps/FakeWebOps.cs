using System.Text.RegularExpressions;
using Bastion.Fakes.WebOps.Django;
using Bastion.Fakes.WebOps.Faults;
using Bastion.Fakes.WebOps.State;
using Bastion.Fakes.WebOps.Views;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bastion.Fakes.WebOps;

/// <summary>
/// A strict contract fake of the WebOps control panel on 127.0.0.1, built from the routes the code really has (not its
/// stale API docs): Django session login at <c>/auth/login/</c> with a CSRF cookie and form token, CSRF checked on
/// every unsafe request (403 pages like Django's), <c>@login_required</c> answering anonymous requests with a 302 to
/// the login page, sessions that expire, bearer tokens only when <see cref="FakeWebOpsOptions.AcceptBearer"/>, the
/// deployments API under <c>/api/</c> (addressed by name, scoped to the user, names unique across users), process status
/// and system health under <c>/monitoring/api/</c>, compliance under <c>/compliance/api/</c>, WebOps's error bodies, and
/// faults injected per test.
/// </summary>
public sealed partial class FakeWebOps : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly FakeStore _store;
    private readonly List<Fault> _faults = [];
    private readonly List<string> _requests = [];
    private readonly Django.ClientRateLimit? _rateLimit;
    private int _logins;
    private int _failedLogins;

    private FakeWebOps(WebApplication app, FakeStore store)
    {
        _app = app;
        _store = store;
        _rateLimit = store.Options.RateLimit is { } limit ? new Django.ClientRateLimit(limit, store.Options.RateLimitWindow, TimeProvider.System) : null;
    }

    /// <summary>The base URL, <c>http://127.0.0.1:PORT</c> (no trailing slash).</summary>
    public string Url { get; private set; } = string.Empty;

    public FakeWebOpsOptions Options => _store.Options;

    /// <summary>Successful logins so far.</summary>
    public int Logins => Volatile.Read(ref _logins);

    /// <summary>Refused logins so far.</summary>
    public int FailedLogins => Volatile.Read(ref _failedLogins);

    /// <summary>Every session id and CSRF value the fake handed out (what must never reach a tool's output or a log).</summary>
    public IReadOnlyList<string> IssuedSecrets
    {
        get
        {
            lock (_store.Gate)
            {
                return [.. _store.IssuedSecrets];
            }
        }
    }

    /// <summary>Health figures; change them under <see cref="Mutate"/>.</summary>
    public FakeHealth Health => _store.Health;

    /// <summary>True: sessions are issued but never honoured, so every login is followed by a redirect to the login page.</summary>
    public bool RefuseSessions
    {
        get { lock (_store.Gate) { return _store.RefuseSessions; } }
        set { lock (_store.Gate) { _store.RefuseSessions = value; } }
    }

    /// <summary>Starts a fake on 127.0.0.1.</summary>
    public static async Task<FakeWebOps> StartAsync(FakeWebOpsOptions? options = null)
    {
        options ??= new FakeWebOpsOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{options.Port}");
        var app = builder.Build();
        var fake = new FakeWebOps(app, new FakeStore(options));
        app.Run(fake.HandleAsync);
        await app.StartAsync();
        fake.Url = app.Urls.Single().TrimEnd('/');
        return fake;
    }

    /// <summary>Requests refused by <see cref="FakeWebOpsOptions.RateLimit"/>.</summary>
    public int RateLimited => _rateLimit?.Refused ?? 0;

    /// <summary>Requests seen, as <c>METHOD /path/</c> (no query), in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>How many requests had this method and a path starting with <paramref name="pathPrefix"/>.</summary>
    public int Count(string method, string pathPrefix) =>
        Requests.Count(r => r.StartsWith(method + " " + pathPrefix, StringComparison.Ordinal));

    /// <summary>Injects a fault in front of the views.</summary>
    public void Inject(Fault fault)
    {
        lock (_faults)
        {
            _faults.Add(fault);
        }
    }

    /// <summary>Ends every session, as their expiry would.</summary>
    public void ExpireSessions()
    {
        lock (_store.Gate)
        {
            _store.ExpireSessions();
        }
    }

    /// <summary>Runs <paramref name="change"/> on the state under its lock (seed deployments, change health figures).</summary>
    public void Mutate(Action<FakeStore> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_store.Gate)
        {
            change(_store);
        }
    }

    /// <summary>Reads the state under its lock.</summary>
    public T Read<T>(Func<FakeStore, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        lock (_store.Gate)
        {
            return read(_store);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        lock (_requests)
        {
            _requests.Add($"{method} {path}");
        }

        if (_rateLimit is not null && await _rateLimit.RefuseAsync(context))
        {
            return;
        }

        if (TakeFault(method, path) is { } fault)
        {
            await ApplyAsync(context, fault);
            return;
        }

        string? user;
        lock (_store.Gate)
        {
            user = _store.SessionUser(context.Request.Cookies["sessionid"]);
        }

        if (HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
        {
            if (CsrfRefusal(context) is { } reason)
            {
                await DjangoResponses.CsrfFailureAsync(context, reason);
                return;
            }
        }

        if (path.StartsWith("/api/", StringComparison.Ordinal) && Options.AcceptBearer && user is null
            && context.Request.Headers.Authorization.ToString() is { Length: > 0 } authorization)
        {
            if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal))
            {
                await DjangoResponses.JsonAsync(context, new { error = "Authentication required", message = "Missing or invalid Authorization header" }, 401);
                return;
            }

            if (Options.Token is null || authorization["Bearer ".Length..] != Options.Token)
            {
                await DjangoResponses.JsonAsync(context, new { error = "Invalid token", message = "Token is invalid or expired" }, 401);
                return;
            }

            user = Options.Username;
        }

        await RouteAsync(context, path, user);
    }

    private async Task RouteAsync(HttpContext context, string path, string? user)
    {
        switch (path)
        {
            case DjangoResponses.LoginPath:
                var outcome = await LoginView.HandleAsync(context, _store, user);
                if (outcome is true)
                {
                    Interlocked.Increment(ref _logins);
                }
                else if (outcome is false)
                {
                    Interlocked.Increment(ref _failedLogins);
                }

                return;
            case "/api/status/":
                await DjangoResponses.JsonAsync(context, new { status = "ok", timestamp = DjangoResponses.Iso(DateTimeOffset.UtcNow) });
                return;
        }

        var known = path is "/dashboard/" or "/auth/2fa/verify/"
            || path.StartsWith("/api/deployments/", StringComparison.Ordinal)
            || path.StartsWith("/monitoring/", StringComparison.Ordinal)
            || path.StartsWith("/compliance/", StringComparison.Ordinal);
        if (!known)
        {
            await DjangoResponses.NotFoundAsync(context);
            return;
        }

        if (path == "/auth/2fa/verify/")
        {
            await DjangoResponses.HtmlAsync(context, 200, "<!DOCTYPE html><html><body><h1>Two-factor verification</h1><form method=\"post\"><input name=\"code\"></form></body></html>");
            return;
        }

        if (user is null)
        {
            await DjangoResponses.LoginRedirectAsync(context);
            return;
        }

        if (path == "/dashboard/")
        {
            await DjangoResponses.HtmlAsync(context, 200, "<!DOCTYPE html><html><body><h1>Dashboard</h1></body></html>");
            return;
        }

        if (path.StartsWith("/api/deployments/", StringComparison.Ordinal))
        {
            await DeploymentViews.HandleAsync(context, _store, user, path["/api/deployments/".Length..]);
            return;
        }

        if (path.StartsWith("/monitoring/", StringComparison.Ordinal))
        {
            await MonitoringViews.HandleAsync(context, _store, user, path["/monitoring/".Length..]);
            return;
        }

        await ComplianceViews.HandleAsync(context, _store, path["/compliance/".Length..]);
    }

    /// <summary>Django's CSRF middleware: null when the request passes, otherwise Django's reason.</summary>
    private string? CsrfRefusal(HttpContext context)
    {
        if (Options.CheckReferer)
        {
            var referer = context.Request.Headers.Referer.ToString();
            if (referer.Length == 0)
            {
                return "Referer checking failed - no Referer.";
            }

            if (!Uri.TryCreate(referer, UriKind.Absolute, out var from) || !string.Equals(from.GetLeftPart(UriPartial.Authority), Url, StringComparison.OrdinalIgnoreCase))
            {
                return $"Referer checking failed - {referer} does not match any trusted origins.";
            }
        }

        var secret = context.Request.Cookies["csrftoken"];
        if (string.IsNullOrEmpty(secret))
        {
            return "CSRF cookie not set.";
        }

        string? token = context.Request.Headers["X-CSRFToken"];
        if (string.IsNullOrEmpty(token) && context.Request.HasFormContentType)
        {
            token = context.Request.Form["csrfmiddlewaretoken"];
        }

        if (string.IsNullOrEmpty(token))
        {
            return "CSRF token missing.";
        }

        return CsrfTokens.Matches(token, secret) ? null : "CSRF token incorrect.";
    }

    private Fault? TakeFault(string method, string path)
    {
        lock (_faults)
        {
            var index = _faults.FindIndex(f => path.StartsWith(f.PathPrefix, StringComparison.Ordinal) && (f.Method is null || f.Method == method) && f.Times > 0);
            if (index < 0)
            {
                return null;
            }

            var fault = _faults[index];
            _faults[index] = fault with { Times = fault.Times - 1 };
            return fault;
        }
    }

    private static async Task ApplyAsync(HttpContext context, Fault fault)
    {
        switch (fault.Kind)
        {
            case FaultKind.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            case FaultKind.CsrfRejection:
                await DjangoResponses.CsrfFailureAsync(context, "CSRF token incorrect.");
                return;
            default:
                context.Response.StatusCode = fault.Status;
                context.Response.ContentType = fault.ContentType;
                if (fault.Status == 429)
                {
                    context.Response.Headers.RetryAfter = RetryAfterPattern().Match(fault.Body).Groups[1].Value;
                }

                await context.Response.WriteAsync(fault.Body);
                return;
        }
    }

    [GeneratedRegex("\"retry_after\": (\\d+)")]
    private static partial Regex RetryAfterPattern();
}
