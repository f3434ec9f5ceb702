using Bastion.Core;
using Bastion.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Bastion.Cli;

/// <summary>
/// Runs the history collector beside a stdio server. It starts once the server has sent its first message (the
/// initialize answer), so nothing of SQLite is loaded before a client is answered; when another process already
/// collects for the data directory, this server only reads.
/// </summary>
internal sealed partial class BackgroundCollector(IServiceProvider services) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private int _started;

    /// <summary>Starts the collector after the first outgoing message of <paramref name="options"/>'s server.</summary>
    public void StartAfterFirstAnswer(McpServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Filters.Message.OutgoingFilters.Add(next => async (context, cancellationToken) =>
        {
            await next(context, cancellationToken);
            if (Interlocked.Exchange(ref _started, 1) == 0)
            {
                _running = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
            }
        });
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILogger<BackgroundCollector>>();
        try
        {
            await services.GetRequiredService<HistoryCollector>().RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (BastionException e)
        {
            LogNotCollecting(logger, e.Message);
        }
        catch (Exception e)
        {
            LogCollectorFault(logger, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_running is not null)
        {
            await _running;
        }

        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History: this server reads but does not collect: {Reason}")]
    private static partial void LogNotCollecting(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "History collector stopped unexpectedly")]
    private static partial void LogCollectorFault(ILogger logger, Exception exception);
}
