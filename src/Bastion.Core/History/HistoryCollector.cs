using System.Collections.Concurrent;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.FanOut;
using Bastion.Core.Inventory;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.History;

/// <summary>
/// Samples every local and SSH host of the inventory on an interval (its groups' own, see
/// <see cref="HistoryOptions.GroupIntervals"/>) into the history store: one round trip per host per tick (<see cref="HistoryScript"/>), the fan-out concurrency cap, a per-host timeout, and a random delay of up to a
/// tenth of the interval before each tick so that many servers do not hit a fleet at the same second. A host that does
/// not answer is recorded as unreachable or timed out. Rates come from the host's previous reading, kept in memory.
/// One collector per data directory (<see cref="CollectorLock"/>). After each stored tick the observers (alert
/// evaluation) are told about it; one that fails is logged and the tick stands. Ticks run over long-lived sessions
/// (<see cref="TickSessions"/>: one shell per local or SSH host, kept open between ticks), closed when a host leaves the
/// inventory, when <see cref="RunAsync"/> ends, and on disposal. With an <see cref="ICollectorLeadership"/> (servers
/// sharing a store) it ticks only while it holds the lease: it waits, trying again every half interval, while another
/// server leads, and stops ticking the moment its lease is lost.
/// </summary>
public sealed partial class HistoryCollector(
    IInventory inventory,
    IRunnerProvider runners,
    IHistoryStore store,
    HistoryOptions options,
    FanOutOptions fanOut,
    BastionPaths paths,
    TimeProvider clock,
    ILogger<HistoryCollector> logger,
    IEnumerable<ITickObserver>? observers = null,
    ICollectorLeadership? leadership = null) : IAsyncDisposable
{
    private readonly TickSessions _sessions = new();
    private readonly ConcurrentDictionary<string, HostReading> _previous = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _due = new(StringComparer.Ordinal);

    /// <summary>The options the collector runs with.</summary>
    public HistoryOptions Options => options;

    /// <summary>The sessions the ticks run over (for diagnostics and tests).</summary>
    public TickSessions Sessions => _sessions;

    /// <summary>Takes the data directory's collector lock, then ticks until cancelled: each host on its own interval
    /// (<see cref="HistoryOptions.IntervalOf"/>), the hosts due at the same moment in one tick.</summary>
    /// <exception cref="BastionException">Another collector writes this data directory's history.</exception>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var held = CollectorLock.Acquire(paths);
        try
        {
            if (leadership is null)
            {
                await LoopAsync(cancellationToken);
            }
            else
            {
                await LeadAsync(leadership, cancellationToken);
            }
        }
        finally
        {
            await _sessions.CloseOthersAsync(new HashSet<string>());
        }
    }

    /// <summary>Ticks while this server holds the lease; waits for it (trying every half interval) while another does.</summary>
    private async Task LeadAsync(ICollectorLeadership lead, CancellationToken cancellationToken)
    {
        var following = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            ILeadershipLease? lease = null;
            try
            {
                lease = await lead.TryAcquireAsync(cancellationToken);
            }
            catch (BastionException e)
            {
                LogLeaseUnavailable(logger, lead.Name, e.Message);
            }

            if (lease is null)
            {
                if (!following)
                {
                    LogFollowing(logger, lead.Name);
                    following = true;
                }

                await Task.Delay(options.ShortestInterval / 2, clock, cancellationToken);
                continue;
            }

            following = false;
            await using (lease)
            {
                LogLeading(logger, lead.Name);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
                try
                {
                    await LoopAsync(either.Token);
                }
                catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                }

                if (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    LogLeadershipLost(logger, lead.Name);
                }
            }

            // The next lease may come after another server ticked: rates start again from a fresh reading.
            _previous.Clear();
            _due.Clear();
        }
    }

    /// <summary>Closes the hosts' sessions.</summary>
    public ValueTask DisposeAsync() => _sessions.DisposeAsync();

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        await store.SetSampleIntervalAsync(options.ShortestInterval, cancellationToken);
        LogStarted(logger, paths.DataDirectory, options.Interval.TotalSeconds);
        var nextMaintenance = clock.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var ticks = await TickDueAsync(cancellationToken);
                var answered = ticks.Count(t => t.Status == TickStatus.Ok);
                LogTick(logger, ticks.Count, answered);

                if (clock.GetUtcNow() >= nextMaintenance)
                {
                    var done = await store.MaintainAsync(cancellationToken);
                    LogMaintained(logger, done.SamplesDeleted, done.RollupsDeleted);
                    nextMaintenance = clock.GetUtcNow() + options.MaintenanceInterval;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogTickFailed(logger, e);
            }

            var jitter = TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * options.ShortestInterval.TotalMilliseconds / 10);
            var wait = NextDue() - clock.GetUtcNow() + jitter;
            await Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, clock, cancellationToken);
        }
    }

    /// <summary>Samples every host once and records the tick.</summary>
    /// <returns>What was recorded, one entry per host.</returns>
    public Task<IReadOnlyList<HostTick>> TickAsync(CancellationToken cancellationToken) => SampleAndWriteAsync(Sampled(), cancellationToken);

    /// <summary>Samples the hosts whose interval has run out (or runs out within a tenth of the shortest interval, so
    /// hosts close to due share the tick), and records the tick.</summary>
    /// <returns>What was recorded, one entry per host sampled; empty when none was due.</returns>
    public Task<IReadOnlyList<HostTick>> TickDueAsync(CancellationToken cancellationToken)
    {
        var soon = clock.GetUtcNow() + options.ShortestInterval / 10;
        return SampleAndWriteAsync(Sampled().Where(h => !_due.TryGetValue(h.Name, out var at) || at <= soon).ToList(), cancellationToken);
    }

    private List<Host> Sampled() => inventory.Hosts.Where(h => h.Kind is HostKind.Local or HostKind.Ssh).ToList();

    /// <summary>When the next host is due; now when a host was never sampled.</summary>
    private DateTimeOffset NextDue()
    {
        var hosts = Sampled();
        return hosts.Count == 0
            ? clock.GetUtcNow() + options.ShortestInterval
            : hosts.Min(h => _due.TryGetValue(h.Name, out var at) ? at : clock.GetUtcNow());
    }

    private async Task<IReadOnlyList<HostTick>> SampleAndWriteAsync(List<Host> hosts, CancellationToken cancellationToken)
    {
        if (hosts.Count == 0)
        {
            return [];
        }

        var started = clock.GetUtcNow();
        var ticks = new HostTick[hosts.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, hosts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, fanOut.Concurrency), CancellationToken = cancellationToken },
            async (i, token) => ticks[i] = await SampleAsync(hosts[i], token));
        await store.WriteAsync(ticks, cancellationToken);
        foreach (var observer in observers ?? [])
        {
            try
            {
                await observer.ObserveAsync(ticks, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogObserverFailed(logger, observer.GetType().Name, e);
            }
        }

        foreach (var host in hosts)
        {
            _due[host.Name] = started + options.IntervalOf(host);
        }

        var current = Sampled().Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in _previous.Keys.Concat(_due.Keys).Where(n => !current.Contains(n)).ToList())
        {
            _previous.TryRemove(gone, out _);
            _due.TryRemove(gone, out _);
        }

        await _sessions.CloseOthersAsync(current);

        return ticks;
    }

    private async Task<HostTick> SampleAsync(Host host, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.HostTimeout + TimeSpan.FromSeconds(5));
        try
        {
            var reading = await _sessions.ReadAsync(host, runners.For(host), options.HostTimeout, deadline.Token);
            var tick = TickCalculator.Compute(host.Name, clock.GetUtcNow(), reading, _previous.GetValueOrDefault(host.Name));
            _previous[host.Name] = reading;
            return tick;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HostTick.Missed(host.Name, clock.GetUtcNow(), TickStatus.TimedOut, $"no answer within {options.HostTimeout.TotalSeconds:0.#} s.");
        }
        catch (HostTimeoutException e)
        {
            return HostTick.Missed(host.Name, clock.GetUtcNow(), TickStatus.TimedOut, e.Message);
        }
        catch (HostUnreachableException e)
        {
            _previous.TryRemove(host.Name, out _);
            return HostTick.Missed(host.Name, clock.GetUtcNow(), TickStatus.Unreachable, e.Message);
        }
        catch (BastionException e)
        {
            return HostTick.Missed(host.Name, clock.GetUtcNow(), TickStatus.Failed, e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHostFault(logger, host.Name, e);
            return HostTick.Missed(host.Name, clock.GetUtcNow(), TickStatus.Failed, $"internal error ({e.GetType().Name}); see Bastion's log.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "History collector started for {DataDirectory}, every {IntervalSeconds} s")]
    private static partial void LogStarted(ILogger logger, string dataDirectory, double intervalSeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "History collector leads: this server collects ({Lease})")]
    private static partial void LogLeading(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Information, Message = "History collector follows: another server collects; trying again every half interval ({Lease})")]
    private static partial void LogFollowing(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History collector lost its leadership ({Lease}): it stopped collecting and tries to lead again")]
    private static partial void LogLeadershipLost(ILogger logger, string lease);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History collector cannot take its lease ({Lease}): {Reason}; trying again every half interval")]
    private static partial void LogLeaseUnavailable(ILogger logger, string lease, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "History tick: {Hosts} hosts, {Ok} answered")]
    private static partial void LogTick(ILogger logger, int hosts, int ok);

    [LoggerMessage(Level = LogLevel.Debug, Message = "History maintenance: {Samples} raw samples and {Rollups} rollups pruned")]
    private static partial void LogMaintained(ILogger logger, long samples, long rollups);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History tick observer {Observer} failed")]
    private static partial void LogObserverFailed(ILogger logger, string observer, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "History sampling of host {Host} failed unexpectedly")]
    private static partial void LogHostFault(ILogger logger, string host, Exception exception);
}
