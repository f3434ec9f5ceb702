using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Transport;

/// <summary>Ends idle sessions: every half idle-timeout (at most every minute) it prunes those idle longer than the timeout.</summary>
internal sealed partial class SessionPruner(SessionStore sessions, HttpServerOptions options, TimeProvider clock, ILogger<SessionPruner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromTicks(Math.Clamp(options.SessionIdleTimeout.Ticks / 2, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(period, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (await sessions.PruneIdleAsync() is > 0 and var pruned)
                {
                    LogPruned(logger, pruned, options.SessionIdleTimeout.TotalSeconds);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // shutting down
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ended {Count} MCP session(s) idle for more than {Seconds} s")]
    private static partial void LogPruned(ILogger logger, int count, double seconds);
}
