namespace Bastion.Fakes.CloudStack;

/// <summary>Who the fake accepts and how it behaves. Every value is made up for tests.</summary>
public sealed record CloudStackFakeOptions
{
    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>The one API key the fake knows.</summary>
    public string ApiKey { get; init; } = "fake-api-key-Q2xvdWRTdGFjaw-0001";

    /// <summary>Its secret key.</summary>
    public string SecretKey { get; init; } = "fake-secret-key-c2VjcmV0IGtleQ-0001";

    /// <summary>The one login user.</summary>
    public string Username { get; init; } = "ops-bot";

    /// <summary>Its password.</summary>
    public string Password { get; init; } = "fake-password-7d1c0e";

    /// <summary>Its domain path (ROOT).</summary>
    public string Domain { get; init; } = "/";

    /// <summary>Polls of queryAsyncJobResult before a job ends (2).</summary>
    public int PollsToComplete { get; init; } = 2;

    /// <summary>Idle time after which a session is gone (30 minutes); the login answer's timeout.</summary>
    public TimeSpan SessionTimeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Largest pagesize accepted (500, CloudStack's default.page.size).</summary>
    public int MaxPageSize { get; init; } = 500;

    /// <summary>Items returned by a list call without page/pagesize (500).</summary>
    public int DefaultPageSize { get; init; } = 500;

    /// <summary>False: a cloud before 4.17, without listVirtualMachinesUsageHistory (432 like any unknown command). Default true.</summary>
    public bool UsageHistory { get; init; } = true;

    /// <summary>The fake's clock (signature expiry, sessions, timestamps).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// API calls an account may make per <see cref="ApiThrottleInterval"/> (CloudStack's <c>api.throttling.max</c>, with
    /// <c>api.throttling.enabled</c>); over it: error 429 (API_LIMIT_EXCEED) with "please retry after N ms". Null (the
    /// default, as CloudStack ships): no throttling.
    /// </summary>
    public int? ApiThrottle { get; init; }

    /// <summary><c>api.throttling.interval</c> (1 s).</summary>
    public TimeSpan ApiThrottleInterval { get; init; } = TimeSpan.FromSeconds(1);
}
