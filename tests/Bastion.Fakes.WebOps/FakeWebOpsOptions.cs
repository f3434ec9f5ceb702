namespace Bastion.Fakes.WebOps;

/// <summary>How the fake WebOps control panel behaves. Defaults follow the notes (DagiiM/webops at 06ba752).</summary>
public sealed record FakeWebOpsOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The one user who can log in at <c>/auth/login/</c>.</summary>
    public string Username { get; init; } = "admin";

    /// <summary>That user's password.</summary>
    public string Password { get; init; } = "webops-fake-password";

    /// <summary>An API token (model <c>APIToken</c>) of that user; null: the user has none.</summary>
    public string? Token { get; init; }

    /// <summary>
    /// True: <c>Authorization: Bearer</c> authenticates <c>/api/</c> views (an instance where the token decorator is
    /// wired in, as <c>apps/api/tests.py</c> expects; invalid tokens get a JSON 401). False (the default, as the code
    /// reads at 06ba752): the header is ignored and <c>@login_required</c> redirects to the login page.
    /// </summary>
    public bool AcceptBearer { get; init; }

    /// <summary>True: the user has two-factor authentication on, so a correct password leads to <c>/auth/2fa/verify/</c>.</summary>
    public bool TwoFactor { get; init; }

    /// <summary>How long a session lives after login (<c>SESSION_COOKIE_AGE</c> = 3600 s).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Detail polls a new deployment spends in <c>building</c> before it runs (or fails).</summary>
    public int BuildPolls { get; init; } = 3;

    /// <summary>A deployment whose repository URL contains this text fails its build.</summary>
    public string FailingRepositoryMarker { get; init; } = "broken";

    /// <summary>
    /// True: unsafe requests must carry a <c>Referer</c> on this origin, as Django checks behind HTTPS (the notes'
    /// production settings trust <c>X-Forwarded-Proto</c>, so requests count as secure there).
    /// </summary>
    public bool CheckReferer { get; init; } = true;

    /// <summary>
    /// Requests allowed per <see cref="RateLimitWindow"/> per client IP, on every path, login included (the control
    /// panel at the commit: 20 per 60 s); null (the default, so that other tests run at full speed): no limit.
    /// </summary>
    public int? RateLimit { get; init; }

    /// <summary>The window of <see cref="RateLimit"/> (60 s).</summary>
    public TimeSpan RateLimitWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// True: background work goes as it went when the control panel at 06ba752 was run on loopback with its Celery
    /// workers (Django 4.2, Redis, gunicorn, production settings, a worker without root): stop and restart answer HTTP
    /// 500 (their views queue task names no worker registers) and change nothing; a delete is accepted and never
    /// completes (its task crashes); <c>/monitoring/api/service/{id}/status/</c> answers 500 on every call; a build whose
    /// dependency install fails stays <c>building</c>; a build that succeeds ends <c>pending</c> with no process; a
    /// deployment in <c>failed</c> is revived to <c>building</c> by a task retry on the second look after it failed.
    /// False (the default): the work completes as the code intends, so tests can follow the happy path.
    /// </summary>
    public bool AsRunAtCommit { get; init; }
}
