using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Bastion.Tools;

namespace Bastion.Providers;

/// <summary>
/// A platform's credentials, read from the caller's vault namespace (the local user's <c>default</c>, or an HTTP
/// tenant's own vault) by name, e.g. <c>cloudways/api-key</c>. Every secret read is handed to the redactor, so it can
/// never come back in a tool's output or a log line (settings such as <c>cloudstack/url</c> are not secrets; see
/// <see cref="CredentialVault.IsSetting"/>). The vault is read again when its file changed. For the local user (the
/// default tenant), <paramref name="environment"/> answers names from the seed servers' environment variables over the vault.
/// </summary>
public sealed class PlatformCredentials(ToolCaller caller, Redactor redactor, EnvironmentCredentials? environment = null)
{
    private readonly Lock _gate = new();
    private (DateTime Stamp, long Length, IReadOnlyDictionary<string, string> Values)? _cache;

    /// <summary>The tenant whose values are read.</summary>
    public string Tenant => caller.Tenant;

    /// <summary>The value stored as <paramref name="name"/>; null when there is none (or no vault).</summary>
    /// <exception cref="Core.BastionException">The vault exists but cannot be opened (wrong key, damaged file).</exception>
    public string? Get(string name)
    {
        var value = Values().GetValueOrDefault(name);
        if (value is not null && !CredentialVault.IsSetting(name))
        {
            redactor.AddKnownSecret(value);
        }

        return value;
    }

    /// <summary>True when every one of <paramref name="names"/> is stored.</summary>
    public bool Has(params string[] names) => names.All(n => Values().ContainsKey(n));

    /// <summary>True when the caller has a vault that <see cref="SetAsync"/> can write to (none is created for it).</summary>
    public bool CanStore => File.Exists(caller.Paths.VaultFile);

    /// <summary>
    /// Stores <paramref name="value"/> as <paramref name="name"/> in the caller's vault namespace, encrypted like every
    /// vault value: for what an adapter keeps between processes (a WebOps session), never for what the user configures.
    /// The value is handed to the redactor unless the name is a setting.
    /// </summary>
    /// <exception cref="Core.BastionException">The vault cannot be opened (wrong key, damaged file) or the name or
    /// value breaks the vault's rules.</exception>
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        if (!CredentialVault.IsSetting(name))
        {
            redactor.AddKnownSecret(value);
        }

        using (var vault = CredentialVault.Open(caller.Paths))
        {
            await vault.SetAsync(Tenant, name, value, cancellationToken);
        }

        lock (_gate)
        {
            _cache = null;
        }
    }

    private IReadOnlyDictionary<string, string> Values() =>
        environment is not null && Tenant == CredentialVault.DefaultTenant ? environment.Over(VaultValues()) : VaultValues();

    private IReadOnlyDictionary<string, string> VaultValues()
    {
        var file = new FileInfo(caller.Paths.VaultFile);
        if (!file.Exists)
        {
            return new Dictionary<string, string>();
        }

        lock (_gate)
        {
            if (_cache is { } cached && cached.Stamp == file.LastWriteTimeUtc && cached.Length == file.Length)
            {
                return cached.Values;
            }

            using var vault = CredentialVault.Open(caller.Paths);
            var values = vault.List(Tenant).ToDictionary(i => i.Name, i => vault.Get(Tenant, i.Name)!, StringComparer.Ordinal);
            _cache = (file.LastWriteTimeUtc, file.Length, values);
            return values;
        }
    }
}
