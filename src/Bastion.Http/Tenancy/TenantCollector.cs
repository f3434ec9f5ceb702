using Bastion.Core;
using Bastion.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Tenancy;

/// <summary>
/// The history collector of one tenant: the tenant's own <see cref="HistoryCollector"/> (its inventory, runners and
/// store in its data directory) running in the background from when the tenant's services are built until the server
/// stops. The one-writer rule holds per data directory: when another process already collects for it, this one only
/// reads, and says so in the log.
/// </summary>
internal sealed partial class TenantCollector : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private TenantCollector(HistoryCollector collector, string tenant, ILogger logger) =>
        _running = Task.Run(() => RunAsync(collector, tenant, logger, _stop.Token), CancellationToken.None);

    /// <summary>Starts the collector of a tenant's services; null when they have no history store (nothing to write to).</summary>
    public static TenantCollector? Start(IServiceProvider services, string tenant, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(loggers);
        return services.GetService<IHistoryStore>() is null
            ? null
            : new TenantCollector(services.GetRequiredService<HistoryCollector>(), tenant, loggers.CreateLogger<TenantCollector>());
    }

    private static async Task RunAsync(HistoryCollector collector, string tenant, ILogger logger, CancellationToken cancellationToken)
    {
        var name = tenant.Length == 0 ? "(server)" : tenant;
        try
        {
            await collector.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (BastionException e)
        {
            LogNotCollecting(logger, name, e.Message);
        }
        catch (Exception e)
        {
            LogCollectorFault(logger, name, e);
        }
    }

    /// <summary>Stops the collector and waits for its tick in flight to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History of tenant {Tenant}: this server reads but does not collect: {Reason}")]
    private static partial void LogNotCollecting(ILogger logger, string tenant, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "History collector of tenant {Tenant} stopped unexpectedly")]
    private static partial void LogCollectorFault(ILogger logger, string tenant, Exception exception);
}
