namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// Platform credentials the local user's environment supplies under the seed servers' variable names (e.g.
/// <c>CLOUDSTACK_API_KEY</c>), answered under the vault names the adapters read (e.g. <c>cloudstack/api-key</c>): a
/// read-only layer over the <see cref="CredentialVault.DefaultTenant"/> vault, so a client configuration that passes them
/// in <c>env</c> works without <c>bastion import</c>. Nothing here is ever written to the vault; a value from the
/// environment wins over the vault's value of the same name, except for <see cref="ListNames"/>, whose comma-separated
/// items are joined with the vault's.
/// </summary>
/// <param name="values">Vault name → value.</param>
/// <param name="sources">Vault name → the environment variable (or file) it came from, for messages; never a value.</param>
/// <param name="listNames">Names whose values are comma-separated lists merged with the vault's (e.g. <c>alpacon/workspaces</c>).</param>
public sealed class EnvironmentCredentials(
    IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string> sources, IReadOnlySet<string> listNames)
{
    /// <summary>No credentials from the environment.</summary>
    public static EnvironmentCredentials Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), new HashSet<string>());

    /// <summary>Vault name → value.</summary>
    public IReadOnlyDictionary<string, string> Values => values;

    /// <summary>Names whose values are comma-separated lists merged with the vault's.</summary>
    public IReadOnlySet<string> ListNames => listNames;

    /// <summary>Where the value of <paramref name="name"/> came from (a variable's or a file's name), or null.</summary>
    public string? SourceOf(string name) => sources.GetValueOrDefault(name);

    /// <summary>The values that are secrets (not settings such as URLs or user names; see <see cref="CredentialVault.IsSetting"/>).</summary>
    public IEnumerable<string> Secrets => values.Where(v => !CredentialVault.IsSetting(v.Key)).Select(v => v.Value);

    /// <summary><paramref name="vault"/>'s values (of the default tenant) with this layer over them.</summary>
    public IReadOnlyDictionary<string, string> Over(IReadOnlyDictionary<string, string> vault)
    {
        ArgumentNullException.ThrowIfNull(vault);
        if (values.Count == 0)
        {
            return vault;
        }

        var merged = new Dictionary<string, string>(vault, StringComparer.Ordinal);
        foreach (var (name, value) in values)
        {
            merged[name] = listNames.Contains(name) && vault.TryGetValue(name, out var stored)
                ? string.Join(',', stored.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Concat(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    .Distinct(StringComparer.Ordinal))
                : value;
        }

        return merged;
    }
}
