using System.Threading.Channels;

namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// One receiver of shipped entries, fed through a bounded buffer (a capacity in entries): offering never
/// blocks and never fails; when the buffer is full (the receiver is down or slow) the new entry is dropped and counted.
/// One loop sends what is buffered, in order, in batches; a batch that fails is retried (1 s, doubling to 30 s) until it
/// goes, so entries leave in sequence order with gaps only where drops are counted.
/// </summary>
public abstract class AuditSink : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private readonly Channel<ShippedEntry> _buffer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<ShippedEntry> _batch = new(MaxBatch);
    private long _sent;
    private long _dropped;
    private int _disposed;

    /// <summary>Starts the sink's loop.</summary>
    protected AuditSink(string name, int capacity)
    {
        Name = name;
        _buffer = Channel.CreateBounded<ShippedEntry>(
            new BoundedChannelOptions(Math.Max(1, capacity)) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Drop());
        _loop = Task.Run(RunAsync, CancellationToken.None);
    }

    /// <summary>The sink's name in metrics and reports: <c>syslog</c> or <c>otlp</c>.</summary>
    public string Name { get; }

    /// <summary>Entries the receiver accepted (the write or request succeeded).</summary>
    public long Sent => Interlocked.Read(ref _sent);

    /// <summary>Entries dropped because the buffer was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>The last error of a send (null after a send that worked).</summary>
    public string? LastError { get; private set; }

    /// <summary>Buffers <paramref name="entry"/> for sending, or drops and counts it when the buffer is full. Never blocks.</summary>
    public void Offer(ShippedEntry entry)
    {
        if (!_buffer.Writer.TryWrite(entry))
        {
            Drop();
        }
    }

    /// <summary>Sends <paramref name="batch"/> (in order) to the receiver; throws when it could not.</summary>
    protected abstract Task SendAsync(IReadOnlyList<ShippedEntry> batch, CancellationToken cancellationToken);

    /// <summary>Drops the connection after a failure, so the next send starts a new one.</summary>
    protected virtual ValueTask ResetAsync() => ValueTask.CompletedTask;

    /// <summary>Releases what the sink holds besides its connection, once stopped.</summary>
    protected virtual void Release()
    {
    }

    /// <summary>
    /// Sends what is buffered for up to <paramref name="grace"/>, then stops the loop; what was still unsent then is
    /// counted as dropped (it stays in the local log).
    /// </summary>
    public async Task StopAsync(TimeSpan grace)
    {
        _buffer.Writer.TryComplete();
        if (await Task.WhenAny(_loop, Task.Delay(grace)) != _loop)
        {
            await _stop.CancelAsync();
        }

        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        for (var i = 0; i < _batch.Count; i++)
        {
            Drop();
        }

        _batch.Clear();
        while (_buffer.Reader.TryRead(out _))
        {
            Drop();
        }
    }

    /// <summary>Stops the sink (<see cref="StopAsync"/> with 2 s of grace) and closes its connection; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await StopAsync(TimeSpan.FromSeconds(2));
        await ResetAsync();
        Release();
        _stop.Dispose();
        GC.SuppressFinalize(this);
    }

    private void Drop()
    {
        Interlocked.Increment(ref _dropped);
        ShippingTelemetry.Dropped.Add(1, new KeyValuePair<string, object?>("sink", Name));
    }

    private async Task RunAsync()
    {
        var batch = _batch;
        var reader = _buffer.Reader;
        var delay = TimeSpan.FromSeconds(1);
        // A batch that failed is retried after its back-off whether or not more entries arrived: waiting for the next
        // entry first would hold what the receiver missed until the next call (none may come).
        while (batch.Count > 0 || await reader.WaitToReadAsync(_stop.Token))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var entry))
            {
                batch.Add(entry);
            }

            try
            {
                await SendAsync(batch, _stop.Token);
                Interlocked.Add(ref _sent, batch.Count);
                ShippingTelemetry.Sent.Add(batch.Count, new KeyValuePair<string, object?>("sink", Name));
                LastError = null;
                batch.Clear();
                delay = TimeSpan.FromSeconds(1);
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                LastError = e.Message;
                await ResetAsync();
                await Task.Delay(delay, _stop.Token);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
        }

        // Completed with a batch still failing: keep retrying until stopped.
        while (batch.Count > 0)
        {
            try
            {
                await SendAsync(batch, _stop.Token);
                Interlocked.Add(ref _sent, batch.Count);
                ShippingTelemetry.Sent.Add(batch.Count, new KeyValuePair<string, object?>("sink", Name));
                batch.Clear();
            }
            catch (Exception e) when (e is not OperationCanceledException || !_stop.IsCancellationRequested)
            {
                LastError = e.Message;
                await ResetAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(200), _stop.Token);
            }
        }
    }
}
