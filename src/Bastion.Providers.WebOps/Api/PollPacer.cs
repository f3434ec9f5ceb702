namespace Bastion.Providers.WebOps.Api;

/// <summary>
/// Spaces the looks of one wait (a deploy, stop, restart or delete being followed) so that the wait spends at most half
/// of the control panel's request budget (<see cref="WebOpsOptions.RequestBudget"/> per
/// <see cref="WebOpsOptions.RequestWindow"/>): looks come every <see cref="WebOpsOptions.PollInterval"/> until half the
/// budget is spent within the window, then each waits until the oldest look leaves the window. The other half stays for
/// the call's own reads and for everyone else behind the same address. One pacer per wait; not thread-safe.
/// </summary>
internal sealed class PollPacer(WebOpsOptions options, TimeProvider clock)
{
    private readonly Queue<long> _looks = new();

    /// <summary>Waits until the next look fits the budget, but no longer than <paramref name="atMost"/>.</summary>
    /// <param name="atMost">What is left of the wait's own deadline; the look goes ahead once it has passed.</param>
    /// <param name="cancellationToken">Ends the wait.</param>
    public async Task WaitTurnAsync(TimeSpan atMost, CancellationToken cancellationToken)
    {
        if (options.RequestBudget is not { } budget)
        {
            return;
        }

        var window = options.RequestWindow;
        while (_looks.Count > 0 && clock.GetElapsedTime(_looks.Peek()) >= window)
        {
            _looks.Dequeue();
        }

        if (_looks.Count >= Math.Max(1, budget / 2))
        {
            var turn = window - clock.GetElapsedTime(_looks.Dequeue());
            var wait = turn < atMost ? turn : atMost;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
        }

        _looks.Enqueue(clock.GetTimestamp());
    }
}
