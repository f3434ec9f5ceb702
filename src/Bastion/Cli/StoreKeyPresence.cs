namespace Bastion.Cli;

/// <summary>
/// Whether requests to <c>serve --http --store</c> must carry a token: true once the store has held an API key (checked
/// at start and every 5 s after; once true it stays true), and while the store cannot be asked. Fails closed.
/// </summary>
internal sealed class StoreKeyPresence(StoreKeys keys) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _seen;
    private volatile bool _unknown = true;
    private Task? _loop;

    public bool Required => _seen || _unknown;

    /// <summary>Asks once now, then every 5 s until disposed.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await RefreshAsync(cancellationToken);
        _loop = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await RefreshAsync(_stop.Token);
            }
        }, CancellationToken.None);
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        try
        {
            _seen |= (await keys.ListAsync(null, cancellationToken)).Count > 0;
            _unknown = false;
        }
        catch (Core.BastionException)
        {
            _unknown = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            try
            {
                await _loop;
            }
            catch (OperationCanceledException)
            {
            }
        }

        _stop.Dispose();
    }
}
