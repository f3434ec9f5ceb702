using System.Runtime.ExceptionServices;
using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Bastion.Tools;

namespace Bastion.Providers;

/// <summary>
/// A platform's credentials, read from the caller's vault namespace (the local user's <c>default</c>, or an HTTP
/// tenant's own vault) by name, e.g. <c>cloudways/api-key</c>. Every secret read is handed to the redactor, so it can
/// never come back in a tool's output or a log line (settings such as <c>cloudstack/url</c> are not secrets; see
/// <see cref="CredentialVault.IsSetting"/>). For the local user (the default tenant), <paramref name="environment"/>
/// answers names from the seed servers' environment variables over the vault. <paramref name="clock"/> times the
/// shared store's copy (the system clock when null).
/// </summary>
/// <remarks>
/// Where the values live: without <paramref name="store"/>, the data directory's <c>vault.json</c>, read again when the
/// file changed. With <paramref name="store"/> (<c>serve --store</c>: the shared store's vault, which every instance
/// reads), a copy of the tenant's values that <see cref="RefreshAsync"/> renews before each request when it is older
/// than <see cref="StoreFreshness"/>, so the synchronous readers never wait for the database during a request: a value
/// set on another instance (or by <c>bastion vault set --store</c>) is seen within that time; one set through
/// <see cref="SetAsync"/> at once. A synchronous reader never waits for the database once a read has finished: when
/// the copy is old (a request running longer than that, or work outside requests) it takes the copy, or the last read's
/// error when that failed (the store unreachable), and starts the read for the next reader; only a reader before the
/// first read has finished waits for it. Every secret of a copy is taught to the redactor as it is read.
/// </remarks>
public sealed class PlatformCredentials(ToolCaller caller, Redactor redactor, EnvironmentCredentials? environment = null, ICredentialStore? store = null, TimeProvider? clock = null) : IVaultSnapshot
{
    /// <summary>How old the snapshot of a shared store's values may be before it is read again: 2 seconds.</summary>
    public static readonly TimeSpan StoreFreshness = TimeSpan.FromSeconds(2);

    private readonly Lock _gate = new();
    private (DateTime Stamp, long Length, IReadOnlyDictionary<string, string> Values)? _cache;
    private (long ReadAt, IReadOnlyDictionary<string, string> Values)? _stored;
    private Task<(IReadOnlyDictionary<string, string>? Values, ExceptionDispatchInfo? Error)>? _reading;
    private ExceptionDispatchInfo? _failure;

    // Counts writes and invalidations: a read begun before one is not kept as the copy.
    private long _generation;

    private TimeProvider Clock => clock ?? TimeProvider.System;

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
            _generation++;
            _reading = null;
            if (_stored is { } snapshot)
            {
                _stored = (snapshot.ReadAt, new Dictionary<string, string>(snapshot.Values, StringComparer.Ordinal) { [name] = value });
            }
        }
    }

    /// <inheritdoc/>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (store is not null && StoreSnapshot(store).Reading is { } reading)
        {
            await reading.WaitAsync(cancellationToken);
        }
    }

    /// <inheritdoc/>
    public void Invalidate()
    {
        lock (_gate)
        {
            _generation++;
            _reading = null;
            _stored = null;
        }
    }

    private IReadOnlyDictionary<string, string> Values() =>
        environment is not null && Tenant == CredentialVault.DefaultTenant ? environment.Over(VaultValues()) : VaultValues();

    private IReadOnlyDictionary<string, string> VaultValues() => store is not null ? StoreValues(store) : FileValues();

    private IReadOnlyDictionary<string, string> StoreValues(ICredentialStore shared)
    {
        var (copy, failure, reading) = StoreSnapshot(shared);
        if (reading is null)
        {
            return copy!;
        }

        // The copy is old or the last read failed: the read started here (or under way) renews it for the next reader,
        // and this one answers from what the last read gave, its copy or its error, without waiting for the database.
        failure?.Throw();
        if (copy is not null)
        {
            return copy;
        }

        // No read has finished yet (a reader outside any request, before the first): wait for it, outside the lock.
        var (values, error) = reading.GetAwaiter().GetResult();
        error?.Throw();
        return values!;
    }

    /// <summary>
    /// The copy when it is fresh (no reading); otherwise the read that renews it, started here unless one is under way,
    /// with what the last finished read left: the copy (null before the first) and its error when it failed.
    /// </summary>
    private (IReadOnlyDictionary<string, string>? Copy, ExceptionDispatchInfo? Failure, Task<(IReadOnlyDictionary<string, string>? Values, ExceptionDispatchInfo? Error)>? Reading) StoreSnapshot(ICredentialStore shared)
    {
        lock (_gate)
        {
            if (_stored is { } snapshot && _failure is null && Clock.GetElapsedTime(snapshot.ReadAt) < StoreFreshness)
            {
                return (snapshot.Values, null, null);
            }

            if (_reading is not { IsCompleted: false })
            {
                _reading = ReadAsync(shared, _generation);
            }

            return (_stored?.Values, _failure, _reading);
        }
    }

    /// <summary>One read of the tenant's values, kept as the copy unless a value was written meanwhile; a failure is returned, not thrown, so a read nobody waits for is never an unobserved fault.</summary>
    private async Task<(IReadOnlyDictionary<string, string>? Values, ExceptionDispatchInfo? Error)> ReadAsync(ICredentialStore shared, long generation)
    {
        IReadOnlyDictionary<string, string> values;
        try
        {
            // On the thread pool: this runs under the lock until its first wait.
            values = await Task.Run(() => ReadAllAsync(shared)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var failure = ExceptionDispatchInfo.Capture(e);
            lock (_gate)
            {
                _failure = failure;
            }

            return (null, failure);
        }

        foreach (var (_, value) in values.Where(v => !CredentialVault.IsSetting(v.Key)))
        {
            redactor.AddKnownSecret(value);
        }

        lock (_gate)
        {
            _failure = null;
            if (generation == _generation)
            {
                _stored = (Clock.GetTimestamp(), values);
            }
        }

        return (values, null);
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
