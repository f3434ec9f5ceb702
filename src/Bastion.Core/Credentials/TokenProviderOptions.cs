namespace Bastion.Core.Credentials;

/// <summary>How a <see cref="TokenProvider"/> renews and retries.</summary>
public sealed class TokenProviderOptions
{
    /// <summary>
    /// Renew a cached token this long before it expires (default 5 minutes). For a token that lives less than twice
    /// as long, renewal happens at half its lifetime instead, so that a short-lived token is not renewed on every call.
    /// </summary>
    public TimeSpan RenewBefore { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Exchanges tried per refresh on transient failures, the first one included (default 3).</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Backoff before the first retry (default 200 ms); it doubles for each further retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest backoff between two attempts (default 5 s).</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Time one exchange may take before it is ended and counted as a transient failure (default 30 s);
    /// <see cref="Timeout.InfiniteTimeSpan"/> for none. Without it a hung exchange would hold every caller of the
    /// credential, since they all wait for the same refresh.
    /// </summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>What the credential is, as a person calls it, e.g. "Cloudways API key" (default "credential").</summary>
    public string CredentialKind { get; init; } = "credential";

    /// <summary>The vault entry that holds the credential, named in the message of a refused credential (default: the provider's name).</summary>
    public string? VaultKey { get; init; }

    /// <summary>Source of jitter in [0, 1]; tests fix it to make the backoff schedule exact.</summary>
    internal Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}
