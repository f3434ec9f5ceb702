namespace Bastion.Core.Secrets.Vault;

/// <summary>Key derivation from a passphrase.</summary>
/// <param name="Algorithm">Always <c>pbkdf2-sha256</c>.</param>
/// <param name="Iterations">PBKDF2 iterations (at least <see cref="VaultFormat.MinimumIterations"/>).</param>
/// <param name="Salt">Base64 of the 16-byte random salt.</param>
internal sealed record VaultKdf(string Algorithm, int Iterations, string Salt);
