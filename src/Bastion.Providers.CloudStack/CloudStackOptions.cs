namespace Bastion.Providers.CloudStack;

/// <summary>How Bastion works with CloudStack's async jobs, pages and signatures. The defaults suit a real cloud; tests shorten the waits.</summary>
public sealed record CloudStackOptions
{
    /// <summary>Time between two <c>queryAsyncJobResult</c> polls (2 s, as CloudMonkey does).</summary>
    public TimeSpan JobPollInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Longest wait for an async job before the tool returns and says it may still finish (10 minutes).</summary>
    public TimeSpan JobTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Largest <c>pagesize</c> asked for (500, CloudStack's default <c>default.page.size</c>; a larger one is refused
    /// with errorcode 431). Lower it for a cloud configured with a smaller page size.
    /// </summary>
    public int MaxPageSize { get; init; } = 500;

    /// <summary>
    /// Lifetime of a signed request (<c>signatureVersion=3&amp;expires=now+lifetime</c>), so a captured URL cannot be
    /// replayed later (5 minutes). Null sends unexpiring signatures (version 2), for servers whose clock cannot be trusted.
    /// </summary>
    public TimeSpan? SignatureLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A session is used at most this long after its last call before Bastion logs in again, when the login answer
    /// gives no <c>timeout</c> (15 minutes, CloudMonkey's default).
    /// </summary>
    public TimeSpan DefaultSessionLifetime { get; init; } = TimeSpan.FromMinutes(15);
}
