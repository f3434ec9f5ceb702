using System.Text;

namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// Ships every committed entry of one log to its receivers (<see cref="ShippingOptions"/>), after the commit is durable
/// and its callers answered: the local chain stays authoritative, and a receiver that is down or slow never blocks or
/// fails a call (each sink has its own bounded buffer; what does not fit is dropped and counted).
/// </summary>
public sealed class AuditShipper : IAsyncDisposable
{
    private readonly AuditSink[] _sinks;

    /// <summary>The file of the log's directory where the shipper keeps its counts for <c>bastion doctor</c>.</summary>
    public const string StateFileName = "audit.shipping.json";

    private readonly string? _stateFile;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reporter;
    private string? _lastState;
    private int _disposed;

    /// <summary>
    /// Starts a sink for each receiver of <paramref name="options"/>; with <paramref name="stateDirectory"/>, its counts
    /// are written to <see cref="StateFileName"/> there every 5 seconds while they change, and at the end.
    /// </summary>
    public AuditShipper(ShippingOptions options, string? stateDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sinks = new List<AuditSink>();
        if (options.Syslog is { } syslog)
        {
            sinks.Add(new SyslogSink(syslog, options.SyslogCaFile, options.BufferEntries));
        }

        if (options.Otlp is { } otlp)
        {
            sinks.Add(new OtlpSink(otlp, options.BufferEntries));
        }

        _sinks = [.. sinks];
        _stateFile = stateDirectory is null ? null : Path.Combine(stateDirectory, StateFileName);
        _reporter = _stateFile is null ? Task.CompletedTask : Task.Run(ReportAsync, CancellationToken.None);
    }

    /// <summary>
    /// The counts as <c>bastion doctor</c> reads them: <c>{"updated":"…","sinks":[{"name":"syslog","sent":N,"dropped":N,"last_error":null}]}</c>.
    /// </summary>
    public string State()
    {
        using var buffer = new MemoryStream();
        using (var json = new System.Text.Json.Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("updated", DateTimeOffset.UtcNow);
            json.WriteStartArray("sinks");
            foreach (var sink in _sinks)
            {
                json.WriteStartObject();
                json.WriteString("name", sink.Name);
                json.WriteNumber("sent", sink.Sent);
                json.WriteNumber("dropped", sink.Dropped);
                json.WriteString("last_error", sink.LastError);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private async Task ReportAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await WriteStateAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task WriteStateAsync(CancellationToken cancellationToken)
    {
        var counts = string.Join(",", _sinks.Select(s => $"{s.Sent}/{s.Dropped}/{s.LastError}"));
        if (_stateFile is null || counts == _lastState)
        {
            return;
        }

        try
        {
            await Configuration.AtomicFile.WriteAllTextAsync(_stateFile, State() + "\n", new Configuration.AtomicWriteOptions { Mode = AuditFiles.PrivateFile }, cancellationToken);
            _lastState = counts;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A report, not the record: the next tick tries again.
        }
    }

    /// <summary>The sinks, for reports: name, entries sent and dropped, last error.</summary>
    public IReadOnlyList<AuditSink> Sinks => _sinks;

    /// <summary>Offers the entries of one commit, <paramref name="lines"/> (the commit's bytes, one JSON line per entry, in order).</summary>
    internal void Offer(ReadOnlySpan<byte> lines, IReadOnlyList<AuditEntry> entries)
    {
        var i = 0;
        foreach (var range in lines.Split((byte)'\n'))
        {
            if (range.End.Value == range.Start.Value || i >= entries.Count)
            {
                continue;
            }

            var entry = entries[i++];
            var shipped = new ShippedEntry(entry.Seq, entry.Hash, entry.Time, entry.Tenant, Encoding.UTF8.GetString(lines[range]));
            foreach (var sink in _sinks)
            {
                sink.Offer(shipped);
            }
        }
    }

    /// <summary>Stops the sinks (each sends what it holds for up to 2 s) and writes the last counts; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var sink in _sinks)
        {
            await sink.DisposeAsync();
        }

        await _stop.CancelAsync();
        await _reporter;
        await WriteStateAsync(CancellationToken.None);
        _stop.Dispose();
    }
}
