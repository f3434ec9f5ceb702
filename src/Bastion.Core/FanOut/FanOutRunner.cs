using System.Diagnostics;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.FanOut;

/// <summary>
/// Runs one piece of work on every host a target selects, in parallel up to a cap. Each host's outcome stands alone:
/// ok, failed (with the reason), timed out, or unreachable; one bad host never fails the others. Each outcome is counted
/// in <c>bastion.fanout.host_results</c>.
/// </summary>
public sealed partial class FanOutRunner(IInventory inventory, IRunnerProvider runners, FanOutOptions options, TimeProvider clock, ILogger<FanOutRunner> logger)
{
    /// <summary>Runs <paramref name="work"/> on each host <paramref name="target"/> selects.</summary>
    /// <param name="target">A target expression (see <see cref="TargetSelector"/>).</param>
    /// <param name="work">What to do on one host, through its runner.</param>
    /// <param name="progress">Told each time a host finishes.</param>
    /// <param name="cancellationToken">Ends the work on every host.</param>
    /// <param name="hostTimeout">Time one host may take; default <see cref="FanOutOptions.HostTimeout"/>.</param>
    /// <exception cref="BastionException">The target is invalid or selects too many hosts (nothing ran).</exception>
    public async Task<FanOutResult<T>> RunAsync<T>(
        string target,
        Func<IHostRunner, CancellationToken, Task<T>> work,
        IProgress<FanOutProgress>? progress,
        CancellationToken cancellationToken,
        TimeSpan? hostTimeout = null)
        where T : class =>
        await RunAsync(TargetSelector.Resolve(target, inventory.Hosts, options.MaxHosts), work, progress, cancellationToken, hostTimeout);

    /// <summary>
    /// Runs <paramref name="work"/> on the hosts of <paramref name="target"/> for one call: on the hosts
    /// <paramref name="call"/> was handed (those the call was checked and confirmed for) rather than resolving the
    /// expression again, and records the result as the call's outcome.
    /// </summary>
    /// <param name="call">The call's targets; null resolves <paramref name="target"/> here.</param>
    /// <param name="target">A target expression (see <see cref="TargetSelector"/>).</param>
    /// <param name="work">What to do on one host, through its runner.</param>
    /// <param name="progress">Told each time a host finishes.</param>
    /// <param name="cancellationToken">Ends the work on every host.</param>
    /// <param name="hostTimeout">Time one host may take; default <see cref="FanOutOptions.HostTimeout"/>.</param>
    /// <exception cref="BastionException">The target is invalid or selects too many hosts (nothing ran).</exception>
    public async Task<FanOutResult<T>> RunAsync<T>(
        CallTargets? call,
        string target,
        Func<IHostRunner, CancellationToken, Task<T>> work,
        IProgress<FanOutProgress>? progress,
        CancellationToken cancellationToken,
        TimeSpan? hostTimeout = null)
        where T : class
    {
        if (call is null)
        {
            return await RunAsync(target, work, progress, cancellationToken, hostTimeout);
        }

        var result = await RunAsync(call.Resolve(target), work, progress, cancellationToken, hostTimeout);
        call.Record(result);
        return result;
    }

    /// <summary>Runs <paramref name="work"/> on each of <paramref name="hosts"/>, already resolved.</summary>
    /// <param name="hosts">The hosts, in inventory order.</param>
    /// <param name="work">What to do on one host, through its runner.</param>
    /// <param name="progress">Told each time a host finishes.</param>
    /// <param name="cancellationToken">Ends the work on every host.</param>
    /// <param name="hostTimeout">Time one host may take; default <see cref="FanOutOptions.HostTimeout"/>.</param>
    public async Task<FanOutResult<T>> RunAsync<T>(
        IReadOnlyList<Host> hosts,
        Func<IHostRunner, CancellationToken, Task<T>> work,
        IProgress<FanOutProgress>? progress,
        CancellationToken cancellationToken,
        TimeSpan? hostTimeout = null)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(work);
        var started = clock.GetTimestamp();
        var outcomes = new HostOutcome<T>[hosts.Count];
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, hosts.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Concurrency), CancellationToken = cancellationToken },
            async (i, token) =>
            {
                var outcome = await RunOneAsync(hosts[i], work, hostTimeout ?? options.HostTimeout, token);
                outcomes[i] = outcome;
                BastionTelemetry.RecordHostResult(outcome.Status);
                progress?.Report(new FanOutProgress(Interlocked.Increment(ref done), hosts.Count, outcome.Host, outcome.Status, outcome.DurationSeconds));
            });

        var summary = new FanOutSummary(
            hosts.Count,
            outcomes.Count(o => o.Status == HostStatus.Ok),
            outcomes.Count(o => o.Status == HostStatus.Failed),
            outcomes.Count(o => o.Status == HostStatus.TimedOut),
            outcomes.Count(o => o.Status == HostStatus.Unreachable),
            Math.Round(clock.GetElapsedTime(started).TotalSeconds, 3),
            outcomes.OrderByDescending(o => o.DurationSeconds).Take(3).Select(o => new HostTiming(o.Host, o.DurationSeconds)).ToList());
        return new FanOutResult<T>(summary, outcomes);
    }

    private async Task<HostOutcome<T>> RunOneAsync<T>(Host host, Func<IHostRunner, CancellationToken, Task<T>> work, TimeSpan timeout, CancellationToken cancellationToken)
        where T : class
    {
        var stopwatch = Stopwatch.StartNew();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        HostOutcome<T> Outcome(HostStatus status, string? error, T? result) =>
            new(host.Name, status, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), error, result);
        try
        {
            return Outcome(HostStatus.Ok, null, await work(runners.For(host), deadline.Token));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Outcome(HostStatus.TimedOut, $"no answer within the per-host timeout of {timeout.TotalSeconds:0} s; the work was ended.", null);
        }
        catch (HostTimeoutException e)
        {
            return Outcome(HostStatus.TimedOut, e.Message, null);
        }
        catch (HostUnreachableException e)
        {
            return Outcome(HostStatus.Unreachable, e.Message, null);
        }
        catch (BastionException e)
        {
            return Outcome(HostStatus.Failed, e.Message, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogHostFault(logger, host.Name, e);
            return Outcome(HostStatus.Failed, $"internal error ({e.GetType().Name}); see Bastion's log.", null);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Work on host {Host} failed unexpectedly")]
    private static partial void LogHostFault(ILogger logger, string host, Exception exception);
}
