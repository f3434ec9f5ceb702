using System.Buffers;
using System.Globalization;

namespace Bastion.Stdio;

/// <summary>
/// Standard input as the SDK's stdio transport reads it, one JSON-RPC message per line, with two guards in front:
/// a line longer than <paramref name="maxLineBytes"/> is refused with an error and discarded as it streams past (never
/// held whole, so a 64 MiB line costs at most <paramref name="maxLineBytes"/> of memory), and a line the SDK would drop
/// without an answer (see <see cref="StdioMessageCheck"/>) is answered with a JSON-RPC error (id null) on
/// <paramref name="output"/>. Every other line is passed on unchanged.
/// </summary>
/// <param name="inner">The process's standard input.</param>
/// <param name="output">Where error answers go, between the transport's own lines.</param>
/// <param name="maxLineBytes">The largest message, in bytes, not counting the newline (<c>--max-body</c>).</param>
internal sealed class StdioInput(Stream inner, StdioOutput output, long maxLineBytes) : Stream
{
    private readonly byte[] _chunk = new byte[64 * 1024];
    private ArrayBufferWriter<byte> _line = new();
    private readonly Queue<byte[]> _ready = new();
    private ReadOnlyMemory<byte> _current;
    private bool _discarding;
    private long _discarded;
    private bool _ended;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            if (_ready.TryDequeue(out var next))
            {
                _current = next;
                break;
            }

            if (_ended)
            {
                return 0;
            }

            var read = await inner.ReadAsync(_chunk, cancellationToken);
            if (read == 0)
            {
                _ended = true;
                if (_line.WrittenCount > 0 || _discarding)
                {
                    await EndLineAsync(cancellationToken);
                }

                continue;
            }

            await TakeAsync(_chunk.AsMemory(0, read), cancellationToken);
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    private async Task TakeAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var newline = data.Span.IndexOf((byte)'\n');
            var part = newline < 0 ? data : data[..newline];
            if (_discarding)
            {
                _discarded += part.Length;
            }
            else if (_line.WrittenCount + part.Length > maxLineBytes)
            {
                // Too long: what was gathered is let go, and the rest of the line is only counted as it passes.
                _discarded = _line.WrittenCount + part.Length;
                _line = new ArrayBufferWriter<byte>();
                _discarding = true;
            }
            else
            {
                _line.Write(part.Span);
            }

            if (newline < 0)
            {
                return;
            }

            await EndLineAsync(cancellationToken);
            data = data[(newline + 1)..];
        }
    }

    private async Task EndLineAsync(CancellationToken cancellationToken)
    {
        if (_discarding)
        {
            _discarding = false;
            await output.WriteLineAsync(
                StdioMessageCheck.ErrorLine(StdioMessageCheck.InvalidRequest, string.Create(CultureInfo.InvariantCulture, $"Invalid Request: the message is at least {_discarded} bytes; the largest accepted is {maxLineBytes} bytes (--max-body). It was discarded.")),
                cancellationToken);
            return;
        }

        var line = _line.WrittenSpan;
        var trimmed = line.TrimEnd((byte)'\r');
        if (!trimmed.Trim(" \t"u8).IsEmpty && StdioMessageCheck.Problem(trimmed) is { } problem)
        {
            await output.WriteLineAsync(StdioMessageCheck.ErrorLine(problem.Code, problem.Message), cancellationToken);
        }
        else
        {
            var copy = new byte[line.Length + 1];
            line.CopyTo(copy);
            copy[^1] = (byte)'\n';
            _ready.Enqueue(copy);
        }

        // After a large message, let its buffer go rather than keep it for the life of the process.
        if (_line.Capacity > 1024 * 1024)
        {
            _line = new ArrayBufferWriter<byte>();
        }
        else
        {
            _line.ResetWrittenCount();
        }
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
