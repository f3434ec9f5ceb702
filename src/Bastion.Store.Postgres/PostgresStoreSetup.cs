using Bastion.Core.Audit;
using Bastion.Store.Postgres.Audit;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Store.Postgres;

/// <summary>Puts the shared store's parts into a service container (one container per tenant in HTTP mode).</summary>
public static class PostgresStoreSetup
{
    /// <summary>
    /// Makes <paramref name="store"/>'s chain of <paramref name="tenant"/> the container's <see cref="IAuditTrail"/>:
    /// the call pipeline records there and <c>audit_search</c> reads there, instead of the data directory's log.
    /// </summary>
    public static IServiceCollection AddPostgresAudit(this IServiceCollection services, PostgresStore store, string? tenant, string keyFile) =>
        services.AddSingleton<IAuditTrail>(sp => new PostgresAuditChain(store, tenant, keyFile, sp.GetService<TimeProvider>() ?? TimeProvider.System));
}
