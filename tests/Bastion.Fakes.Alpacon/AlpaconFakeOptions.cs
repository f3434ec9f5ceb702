namespace Bastion.Fakes.Alpacon;

/// <summary>How a fake Alpacon workspace behaves.</summary>
public sealed record AlpaconFakeOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The workspace API token the fake accepts (as <c>Authorization: token=…</c> or <c>token="…"</c>).</summary>
    public string Token { get; init; } = "alpat-fake-0123456789abcdef";

    /// <summary>The servers of the workspace; default two, web-01 and db-01.</summary>
    public IReadOnlyList<FakeServer>? Servers { get; init; }

    /// <summary>Events recorded at start (enough to need several pages at page_size 100).</summary>
    public int EventCount { get; init; } = 130;

    /// <summary>How long presigned storage URLs stay valid.</summary>
    public TimeSpan UrlLifetime { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>True: POST /api/events/commands/ answers with a list of the created command (as Alpacon may); false: with the object.</summary>
    public bool SubmitAsList { get; init; } = true;

    /// <summary>How long a command for a disconnected server stays queued before it is marked stuck.</summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Alpacon's own limit on a command's run time (error_phase remote_command_exceeded_timeout).</summary>
    public TimeSpan CommandTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the agent takes to pick up a WebFTP transfer.</summary>
    public TimeSpan AgentDelay { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Authenticated API requests allowed per <see cref="ThrottleWindow"/> (a DRF throttle: 429, <c>Retry-After</c> in
    /// seconds and <c>{"detail": "Request was throttled. Expected available in N seconds."}</c>); null (the default): none.
    /// </summary>
    public int? Throttle { get; init; }

    /// <summary>The window of <see cref="Throttle"/> (60 s).</summary>
    public TimeSpan ThrottleWindow { get; init; } = TimeSpan.FromSeconds(60);
}
