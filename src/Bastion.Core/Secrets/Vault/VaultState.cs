namespace Bastion.Core.Secrets.Vault;

/// <summary>One consistent view of the vault file: what was read, the key it was verified with, and the file's stamp.</summary>
/// <param name="Header">The header; null when there is no vault file yet.</param>
/// <param name="Entries">Entries by (tenant, name).</param>
/// <param name="Key">The verified key; null when there is no vault file yet.</param>
/// <param name="Source">Where the key comes from.</param>
/// <param name="Stamp">The file's last write time and length when it was read (length -1: no file).</param>
internal sealed record VaultState(
    VaultHeader? Header,
    IReadOnlyDictionary<(string Tenant, string Name), VaultEntry> Entries,
    byte[]? Key,
    VaultKeySource Source,
    (DateTime Time, long Length) Stamp)
{
    public static VaultState Missing(VaultKeySource source) =>
        new(null, new Dictionary<(string, string), VaultEntry>(), null, source, (DateTime.MinValue, -1));
}
