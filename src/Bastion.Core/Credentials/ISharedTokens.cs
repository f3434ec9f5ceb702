namespace Bastion.Core.Credentials;

/// <summary>
/// Platform tokens shared by the servers of one store, so that one exchange serves them all: whoever needs a new token
/// takes a lock the other servers wait on, and finds the token another server just stored, or exchanges and stores it.
/// </summary>
public interface ISharedTokens
{
    /// <summary>
    /// Under the lock of <paramref name="scope"/> (a platform and the fingerprint of its credential): the stored token
    /// when it is valid beyond <paramref name="validAfter"/> and is not <paramref name="unwanted"/> (the token the caller
    /// holds and wants replaced); else the result of <paramref name="exchange"/>, stored for the other servers.
    /// </summary>
    /// <exception cref="BastionException">The store cannot be used, or the stored token cannot be decrypted with this server's key.</exception>
    Task<IssuedToken> GetOrExchangeAsync(string scope, string? unwanted, DateTimeOffset validAfter, Func<CancellationToken, Task<IssuedToken>> exchange, CancellationToken cancellationToken);
}
