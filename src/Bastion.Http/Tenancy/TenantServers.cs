using System.Collections.Concurrent;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Bastion.Http.Transport;
using Bastion.Mcp;
using Bastion.Mcp.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Tenancy;

/// <summary>
/// One Bastion per tenant in one process: each tenant gets its own service container over its own data directory
/// (<c>tenants/&lt;name&gt;/</c>: inventory, known_hosts, vault, audit log, SSH control sockets) and its own
/// confirmation store, so a tenant can neither see nor reach another's hosts, credentials or audit entries. Principals
/// without a tenant (no authentication, loopback only) get the server's own data directory, as over stdio. Built on
/// first use and kept. Each tenant's history collector (<see cref="TenantCollector"/>) runs from then until the server
/// stops, sampling only that tenant's hosts into that tenant's store; <see cref="StartKnownTenants"/> starts the tenants
/// that already have a data directory without waiting for their first request.
/// </summary>
/// <param name="baseOptions">The server's options; each tenant gets a copy with its own paths and vault namespace.</param>
/// <param name="backends">Adds what reaches hosts and platforms (SSH, platform providers) to a tenant's services.</param>
/// <param name="http">The HTTP options (whether tenants see the local host).</param>
/// <param name="budget">The rate limiter, for access_status.</param>
/// <param name="redactor">The process's one redactor, taught each tenant's vault values.</param>
/// <param name="loggers">The process's loggers.</param>
/// <param name="credentialHeaders">The platforms' credential header sets (<c>&lt;Platform&gt;Vault.Headers</c>); none: no header is taken.</param>
/// <param name="credentialStore">The shared store's vault, where header credentials go with <c>serve --store</c>; null: each tenant's <c>vault.json</c>.</param>
public sealed class TenantServers(
    BastionOptions baseOptions,
    Action<IServiceCollection> backends,
    HttpServerOptions http,
    IRateBudget budget,
    Redactor redactor,
    ILoggerFactory loggers,
    IReadOnlyList<CredentialHeaderSet>? credentialHeaders = null,
    ICredentialStore? credentialStore = null) : IMcpServerFactory, IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<(ServiceProvider Services, McpServerSetup Setup)>> _tenants = new(StringComparer.Ordinal);
    private readonly PlatformCredentialHeaders _credentialHeaders = new(redactor, credentialHeaders ?? [], credentialStore);
    private readonly ConcurrentQueue<TenantCollector> _collectors = new();

    /// <inheritdoc/>
    public McpServerSetup For(Principal? principal) =>
        _tenants.GetOrAdd(principal?.Tenant ?? string.Empty, tenant => new(() => Build(tenant))).Value.Setup;

    /// <summary>
    /// Builds (and so starts the collector of) every tenant with a data directory under <c>tenants/</c>, and the server's
    /// own data directory when it has an inventory file; the others start on their first request.
    /// </summary>
    /// <returns>The tenants started, the server's own as an empty name.</returns>
    public IReadOnlyList<string> StartKnownTenants()
    {
        var root = Path.Combine(baseOptions.Paths.DataDirectory, "tenants");
        var known = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root).Select(Path.GetFileName).OfType<string>().Where(TenantName.IsValid).Order(StringComparer.Ordinal).ToList()
            : [];
        if (File.Exists(baseOptions.Paths.InventoryFile))
        {
            known.Insert(0, string.Empty);
        }

        foreach (var tenant in known)
        {
            _ = _tenants.GetOrAdd(tenant, name => new(() => Build(name))).Value;
        }

        return known;
    }

    /// <summary>The data directory of <paramref name="tenant"/> (null: the server's own).</summary>
    public BastionPaths PathsOf(string? tenant) => string.IsNullOrEmpty(tenant) ? baseOptions.Paths : baseOptions.Paths.ForTenant(tenant);

    /// <summary>
    /// Moves the platform credentials <paramref name="request"/> carries as headers into the vault of
    /// <paramref name="principal"/>'s tenant (see <see cref="PlatformCredentialHeaders"/>); nothing for the local user.
    /// The tenant's vault copies (<see cref="IVaultSnapshot"/>) are forgotten when a value changed, so this request's
    /// tools read the new values.
    /// </summary>
    /// <exception cref="Core.BastionException">A platform's headers are incomplete or malformed (answered 400).</exception>
    public async Task StoreCredentialHeadersAsync(HttpRequest request, Principal? principal, CancellationToken cancellationToken)
    {
        if (principal?.Tenant is { } tenant
            && await _credentialHeaders.StoreAsync(request, PathsOf(tenant), tenant, cancellationToken)
            && _tenants.TryGetValue(tenant, out var built) && built.IsValueCreated)
        {
            foreach (var snapshot in built.Value.Services.GetServices<IVaultSnapshot>())
            {
                snapshot.Invalidate();
            }
        }
    }

    private (ServiceProvider, McpServerSetup) Build(string tenant)
    {
        var paths = PathsOf(tenant);
        if (tenant.Length > 0)
        {
            paths.EnsureDataDirectory();
            BastionServer.AddVaultSecrets(redactor, paths);
        }

        var options = baseOptions with { Paths = paths, LocalHost = tenant.Length == 0 || http.ShareLocalHost, Tenant = tenant.Length == 0 ? baseOptions.Tenant : tenant };
        var collection = new ServiceCollection()
            .AddSingleton(loggers)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddSingleton(budget)
            .AddSingleton(redactor)
            .AddBastion(options);
        backends(collection);
        var services = collection.BuildServiceProvider();
        if (TenantCollector.Start(services, tenant, loggers) is { } collector)
        {
            _collectors.Enqueue(collector);
        }

        return (services, new McpServerSetup(BastionServer.CreateOptions(services), services));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        while (_collectors.TryDequeue(out var collector))
        {
            await collector.DisposeAsync();
        }

        foreach (var tenant in _tenants.Values.Where(t => t.IsValueCreated))
        {
            await tenant.Value.Services.DisposeAsync();
        }

        _credentialHeaders.Dispose();
    }
}
