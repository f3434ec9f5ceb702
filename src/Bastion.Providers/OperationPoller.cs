using Bastion.Core.Progress;

namespace Bastion.Providers;

/// <summary>
/// Waits for a long platform operation: asks for its state every <c>interval</c>, reports each answer as progress
/// (step count and status), and gives up after <c>timeout</c> with an error that says the operation may still finish.
/// </summary>
public static class OperationPoller
{
    /// <param name="platform">The platform, for messages.</param>
    /// <param name="what">What is waited for, e.g. "job 9f1e… (stopVirtualMachine)".</param>
    /// <param name="poll">One look at the operation.</param>
    /// <param name="interval">Time between looks.</param>
    /// <param name="timeout">Longest wait.</param>
    /// <param name="progress">Told of every look; may be null.</param>
    /// <param name="clock">Time of the waits.</param>
    /// <param name="cancellationToken">Ends the wait (not the operation).</param>
    /// <exception cref="PlatformException">The wait timed out.</exception>
    public static async Task<T> PollAsync<T>(
        string platform,
        string what,
        Func<CancellationToken, Task<PollState<T>>> poll,
        TimeSpan interval,
        TimeSpan timeout,
        IProgress<StepProgress>? progress,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(poll);
        ArgumentNullException.ThrowIfNull(clock);
        var started = clock.GetTimestamp();
        for (var step = 1; ; step++)
        {
            var state = await poll(cancellationToken);
            progress?.Report(new StepProgress(step, $"{what}: {state.Status}"));
            if (state.Done)
            {
                return state.Result!;
            }

            if (clock.GetElapsedTime(started) + interval > timeout)
            {
                throw new PlatformException(platform, $"{what} did not finish within {timeout.TotalSeconds:0} s (last state: {state.Status}). It may still finish; look again later.", transient: true);
            }

            await Task.Delay(interval, clock, cancellationToken);
        }
    }
}
