using System.CommandLine;
using Bastion.Core.Audit;
using Bastion.Core.Audit.Disk;
using Bastion.Core.Configuration;
using Bastion.Http;
using Bastion.Http.Auth;
using Bastion.Http.Observability;
using Bastion.Http.RateLimiting;
using Bastion.Http.Tenancy;
using Bastion.Http.Transport;
using Bastion.Mcp;
using Bastion.Mcp.Observability;
using Bastion.Mcp.Security;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Audit;
using Bastion.Store.Postgres.Confirmation;
using Bastion.Store.Postgres.Leadership;
using Bastion.Store.Postgres.Tokens;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bastion.Cli;

/// <summary>The composition of <c>bastion serve --http</c>: tenants, authentication, rate limits, health and metrics.</summary>
internal static class HttpServe
{
    public static async Task<int> RunAsync(ParseResult parse, LogLevel level, LogFormat format, CancellationToken cancellationToken)
    {
        var http = HttpFlags.Options(parse);
        var bastion = ServerFlags.Options(parse);
        bastion.Paths.EnsureDataDirectory();
        var redactor = BastionServer.CreateRedactor(bastion.Paths);
        var oauth = HttpFlags.OAuth(parse, http);
        using var keys = new ApiKeyStore(bastion.Paths);
        await using var store = StoreFlags.Create(parse);
        var storeAuditKey = StoreFlags.AuditKeyFile(parse, bastion.Paths);
        if (store is not null)
        {
            // Instances that start together queue on the migration lock; the keyring is created by the first start
            // and must then be copied to every other instance (docs/deploy.md).
            var (before, applied) = await store.MigrateAsync(null, cancellationToken);
            var keyId = await StoreAuditKeys.EnsureAsync(storeAuditKey, TimeProvider.System, cancellationToken);
            await Console.Error.WriteLineAsync($"Shared store {store.Location.Display}: schema version {before + applied}{(applied > 0 ? $" ({applied} step(s) applied)" : string.Empty)}; audit chains keyed with {keyId} from {storeAuditKey}.");
        }

        // One vault for every tenant of this process: the key is checked against the store's header once.
        var storeVault = store is null ? null : new Store.Postgres.Vault.PostgresVault(store, Core.Secrets.Vault.VaultKeySource.FromEnvironment(bastion.Paths));
        var storeKeys = store is null ? null : new StoreKeys(new Store.Postgres.Keys.PostgresApiKeys(store), TimeProvider.System);
        await using var storeKeyPresence = storeKeys is null ? null : new StoreKeyPresence(storeKeys);
        if (storeKeyPresence is not null)
        {
            await storeKeyPresence.StartAsync(cancellationToken);
        }

        await using var app = McpHttpServer.Build(
            http,
            services => services
                .AddSingleton(keys)
                .AddSharedRateBuckets(store)
                .AddApiKeys(keys, storeKeys, bastion.Mode)
                .AddOAuth(oauth, bastion.Mode)
                .AddSingleton(redactor)
                .AddSingleton(sp => new TenantServers(bastion, backends => AddBackends(backends, parse, store, storeVault, storeAuditKey, bastion.Paths), http, sp.GetRequiredService<RequestRateLimiter>(), redactor, sp.GetRequiredService<ILoggerFactory>(), Composition.CredentialHeaders, storeVault))
                .AddSingleton<IMcpServerFactory>(sp => sp.GetRequiredService<TenantServers>())
                .AddSingleton(sp => new ReadinessProbe(
                    new Dictionary<string, string> { ["data_directory"] = bastion.Paths.DataDirectory, ["audit"] = bastion.Paths.AuditDirectory },
                    AuditDisk(bastion.Paths, sp.GetRequiredService<ILoggerFactory>())))
                .AddLogRedaction(),
            logging => logging.SetMinimumLevel(level).AddBastionConsole(format),
            required: () => oauth is not null || (storeKeyPresence?.Required ?? keys.RequiresAuthentication()),
            issuer: oauth?.Issuer);
        await app.StartAsync(cancellationToken);
        app.Services.GetRequiredService<TenantServers>().StartKnownTenants();
        var auth = oauth is not null ? $"API keys and access tokens of {oauth.Issuer}"
            : storeKeyPresence is not null ? "API keys of the shared store"
            : keys.List().Count > 0 ? "API keys" : "no authentication until an API key exists; loopback only";
        await Console.Error.WriteLineAsync($"Bastion MCP endpoint: {http.ResourceUrl} ({auth}; {(http.Stateless ? "stateless" : "sessions")})");
        await app.WaitForShutdownAsync(cancellationToken);
        return 0;
    }

    /// <summary>The watermarks of the audit log's file system, as the environment sets them (<see cref="AuditOptions.WithRetentionFrom"/>).</summary>
    private static DiskWatermarks AuditDisk(BastionPaths paths, ILoggerFactory loggers)
    {
        var options = new AuditOptions { Directory = paths.AuditDirectory }.WithRetentionFrom(Environment.GetEnvironmentVariable);
        return new DiskWatermarks(paths.AuditDirectory, options.DiskLow, options.DiskFloor, loggers.CreateLogger<AuditLog>());
    }

    /// <summary>
    /// What reaches hosts and platforms; with a shared store, also the tenant's audit chain, the replay guard and the
    /// history collector's leadership (one collecting instance per tenant), the platform tokens (one exchange for all
    /// instances, encrypted under a key derived from the vault key), the platforms' host lists (one listing per TTL for
    /// all instances), the platform credentials (the store's vault), and the host history and alert state in it.
    /// </summary>
    private static void AddBackends(IServiceCollection services, ParseResult parse, PostgresStore? store, Core.Secrets.Vault.ICredentialStore? storeVault, string storeAuditKey, BastionPaths paths)
    {
        Composition.AddBackends(services, parse);
        if (storeVault is not null)
        {
            services.AddSingleton(storeVault);
        }

        if (store is not null)
        {
            var retention = StoreAuditRetention.From(Environment.GetEnvironmentVariable);
            services.AddSingleton<Core.Audit.IAuditTrail>(sp => new PostgresAuditChain(store, sp.GetRequiredService<BastionOptions>().Tenant, storeAuditKey, TimeProvider.System, retention, sp.GetService<ILogger<PostgresAuditChain>>()));
            services.AddSingleton<Core.Confirmation.IReplayGuard>(new PostgresReplayGuard(store));
            services.AddSingleton<Core.History.ICollectorLeadership>(sp => new PostgresCollectorLeadership(
                store,
                sp.GetRequiredService<BastionOptions>().Tenant ?? string.Empty,
                TimeSpan.FromSeconds(Math.Clamp(sp.GetRequiredService<Core.History.HistoryOptions>().ShortestInterval.TotalSeconds / 2, 1, 10))));
            services.AddSingleton<Core.Credentials.ISharedTokens>(sp => new PostgresSharedTokens(
                store,
                sp.GetRequiredService<BastionOptions>().Tenant ?? string.Empty,
                () => Core.Secrets.Vault.VaultKeySource.FromEnvironment(paths).DeriveKey("store platform tokens")));
            services.AddSingleton<Core.Inventory.IHostSource>(sp => new StoreHostSource(store, sp.GetRequiredService<BastionOptions>()));
            services.AddSingleton<Core.Inventory.ISharedHostLists>(sp => new Store.Postgres.Inventory.PostgresHostLists(store, sp.GetRequiredService<BastionOptions>().Tenant ?? string.Empty));
            // History and alert state in the store (registered after the SQLite ones, so these answer): the collector's
            // leader writes, every instance reads.
            services.AddSingleton<Core.History.IHistoryStore>(sp => new Store.Postgres.History.PostgresHistoryStore(
                store, sp.GetRequiredService<BastionOptions>().Tenant, sp.GetRequiredService<Core.History.HistoryOptions>(), TimeProvider.System));
            services.AddSingleton<Core.Alerts.IAlertStore>(sp => new Store.Postgres.History.PostgresAlertStore(store, sp.GetRequiredService<BastionOptions>().Tenant));
        }
    }

    /// <summary>The API keys requests are checked against: the shared store's with <c>--store</c>, else keys.json's.</summary>
    private static IServiceCollection AddApiKeys(this IServiceCollection services, ApiKeyStore keys, StoreKeys? storeKeys, Core.Policy.Mode mode) =>
        services.AddSingleton<IAuthenticator>(sp => new ApiKeyAuthenticator(storeKeys ?? (IApiKeyLookup)keys, mode, TimeProvider.System, sp.GetRequiredService<ILogger<ApiKeyAuthenticator>>()));

    private static IServiceCollection AddSharedRateBuckets(this IServiceCollection services, PostgresStore? store) =>
        store is null ? services : services.AddSingleton<ISharedRateBuckets>(new StoreRateBuckets(new Store.Postgres.RateLimiting.PostgresRateBuckets(store)));

    private static IServiceCollection AddOAuth(this IServiceCollection services, OAuthOptions? oauth, Core.Policy.Mode mode) =>
        oauth is null
            ? services
            : services.AddOAuthBearer(oauth, mode, TimeProvider.System);
}
