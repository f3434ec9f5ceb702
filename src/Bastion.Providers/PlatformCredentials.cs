using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Bastion.Tools;

namespace Bastion.Providers;

/// <summary>
/// A platform's credentials, read from the caller's vault namespace (the local user's <c>default</c>, or an HTTP
/// tenant's own vault) by name, e.g. <c>cloudways/api-key</c>. Every secret read is handed to the redactor, so it can
/// never come back in a tool's output or a log line (settings such as <c>cloudstack/url</c> are not secrets; see
/// <see cref="CredentialVault.IsSetting"/>). For the local user (the default tenant), <paramref name="environment"/>
/// answers names from the seed servers' environment variables over the vault.
/// </summary>
/// <remarks>
/// Where the values live: without <paramref name="store"/>, the data directory's <c>vault.json</c>, read again when the
/// file changed. With <paramref name="store"/> (<c>serve --store</c>: the shared store's vault, which every instance
/// reads), the tenant's values as the store held them at most <see cref="StoreFreshness"/> ago: a value set on another
/// instance (or by <c>bastion vault set --store</c>) is seen within that time; one set through <see cref="SetAsync"/>
/// at once. Every secret of such a snapshot is taught to the redactor as it is read.
/// </remarks>
public sealed class PlatformCredentials(ToolCaller caller, Redactor redactor, EnvironmentCredentials? environment = null, ICredentialStore? store = null)
{
    /// <summary>How old the snapshot of a shared store's values may be before it is read again: 2 seconds.</summary>
    public static readonly TimeSpan StoreFreshness = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private (DateTime Stamp, long Length, IReadOnlyDictionary<string, string> Values)? _cache;
    private (long ReadAt, IReadOnlyDictionary<string, string> Values)? _stored;

    /// <summary>The tenant whose values are read.</summary>
    public string Tenant => caller.Tenant;

    /// <summary>The value stored as <paramref name="name"/>; null when there is none (or no vault).</summary>
    /// <exception cref="Core.BastionException">The vault exists but cannot be opened (wrong key, damaged file), or the
    /// shared store cannot be reached or its vault key does not match.</exception>
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

    /// <summary>True when the caller has a vault that <see cref="SetAsync"/> can write to (none is created for it; a shared store always can).</summary>
    public bool CanStore => store is not null || File.Exists(caller.Paths.VaultFile);

    /// <summary>
    /// Stores <paramref name="value"/> as <paramref name="name"/> in the caller's vault namespace (the shared store's
    /// vault when there is one), encrypted like every vault value: for what an adapter keeps between processes (a WebOps
    /// session), never for what the user configures. The value is handed to the redactor unless the name is a setting.
    /// </summary>
    /// <exception cref="Core.BastionException">The vault cannot be opened (wrong key, damaged file, store unreachable)
    /// or the name or value breaks the vault's rules.</exception>
    public async Task SetAsync(string name, string value, CancellationToken cancellationToken)
    {
        if (!CredentialVault.IsSetting(name))
        {
            redactor.AddKnownSecret(value);
        }

        if (store is not null)
        {
            await store.SetAsync(Tenant, name, value, cancellationToken);
        }
        else
        {
            using var vault = CredentialVault.Open(caller.Paths);
            await vault.SetAsync(Tenant, name, value, cancellationToken);
        }

        lock (_gate)
        {
            _cache = null;
            _stored = null;
        }
    }

    private IReadOnlyDictionary<string, string> Values() =>
        environment is not null && Tenant == CredentialVault.DefaultTenant ? environment.Over(VaultValues()) : VaultValues();

    private IReadOnlyDictionary<string, string> VaultValues() => store is not null ? StoreValues(store) : FileValues();

    private IReadOnlyDictionary<string, string> StoreValues(ICredentialStore shared)
    {
        lock (_gate)
        {
            var now = Environment.TickCount64;
            if (_stored is { } snapshot && now - snapshot.ReadAt < (long)StoreFreshness.TotalMilliseconds)
            {
                return snapshot.Values;
            }

            // The adapters ask synchronously (settings, availability checks); the store answers on the thread pool, so
            // waiting here cannot deadlock. One reader per tenant at a time: the others take its snapshot.
            var values = Task.Run(() => ReadAllAsync(shared)).GetAwaiter().GetResult();
            foreach (var (_, value) in values.Where(v => !CredentialVault.IsSetting(v.Key)))
            {
                redactor.AddKnownSecret(value);
            }

            _stored = (Environment.TickCount64, values);
            return values;
        }
    }

    private async Task<IReadOnlyDictionary<string, string>> ReadAllAsync(ICredentialStore shared)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in await shared.ListAsync(Tenant, CancellationToken.None))
        {
            // A value removed between the list and the read is simply absent.
            if (await shared.GetAsync(Tenant, item.Name, CancellationToken.None) is { } value)
            {
                values[item.Name] = value;
            }
        }

        return values;
    }

    private IReadOnlyDictionary<string, string> FileValues()
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
