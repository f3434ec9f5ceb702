namespace Bastion.Http.Auth;

/// <summary>
/// Where <see cref="ApiKeyAuthenticator"/> looks API keys up: keys.json (<see cref="ApiKeyStore"/>) or, with
/// <c>serve --http --store</c>, the shared store.
/// </summary>
public interface IApiKeyLookup
{
    /// <summary>What the server could not do when <see cref="FindAsync"/> fails, for the refusal: e.g. "read its key file".</summary>
    string Unavailable { get; }

    /// <summary>The key whose id is <paramref name="id"/> and whose secret hashes to the stored hash; null otherwise.</summary>
    /// <exception cref="Core.BastionException">The keys cannot be read right now (file unreadable, store unreachable).</exception>
    ValueTask<ApiKeyRecord?> FindAsync(string id, byte[] secret, CancellationToken cancellationToken);
}
