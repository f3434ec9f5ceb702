namespace Bastion.Core.Confirmation;

/// <summary>
/// Remembers which single-use tokens were already presented, so a token is accepted once, whichever instance it reaches
/// when the instances share the guard. The in-memory guard serves one process; a shared one (PostgreSQL) serves several.
/// </summary>
public interface IReplayGuard
{
    /// <summary>
    /// Marks <paramref name="id"/> as used. True the first time; false when it was already used. The guard may forget
    /// an id after <paramref name="expires"/>, when the token carrying it is refused as expired anyway.
    /// </summary>
    /// <param name="id">The token's random id (at least 128 bits, base64url).</param>
    /// <param name="expires">When the token stops being valid (UTC).</param>
    /// <param name="cancellationToken">Cancels the look-up (a shared guard does I/O).</param>
    ValueTask<bool> TryConsumeAsync(string id, DateTimeOffset expires, CancellationToken cancellationToken);
}
