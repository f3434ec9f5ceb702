namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// Where a tenant's encrypted values live: the data directory's <c>vault.json</c> (<see cref="CredentialVault"/>, the
/// default) or a shared store. Every implementation encrypts with AES-256-GCM in Bastion, under the key
/// <see cref="VaultKeySource"/> supplies, before a value leaves the process; the backing sees ciphertext only.
/// </summary>
public interface ICredentialStore
{
    /// <summary>Where the values are, as it may be shown (a file path, or a store's address without its password).</summary>
    string Location { get; }

    /// <summary>Stores <paramref name="value"/> as <paramref name="name"/> of <paramref name="tenant"/>, replacing any value it had.</summary>
    /// <exception cref="BastionException">An invalid tenant, name or value, or the backing cannot be written (nothing was changed).</exception>
    Task SetAsync(string tenant, string name, string value, CancellationToken cancellationToken);

    /// <summary>The value of <paramref name="name"/> in <paramref name="tenant"/>, or null when there is none. Never another tenant's.</summary>
    /// <exception cref="BastionException">An invalid tenant or name; the value fails its integrity check; the backing cannot be read.</exception>
    Task<string?> GetAsync(string tenant, string name, CancellationToken cancellationToken);

    /// <summary>The names of <paramref name="tenant"/> (every tenant's when null), by tenant then name, with their times; never values.</summary>
    Task<IReadOnlyList<VaultItem>> ListAsync(string? tenant, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="name"/> of <paramref name="tenant"/>; false when there was no such value.</summary>
    Task<bool> RemoveAsync(string tenant, string name, CancellationToken cancellationToken);
}
