namespace Bastion.Stdio;

/// <summary>
/// Standard output shared by the SDK's transport and <see cref="StdioInput"/>'s error answers: each whole line
/// (a write ending in a newline, or a flush) goes out under one lock, so two writers never interleave within a message.
/// </summary>
/// <param name="inner">The process's standard output.</param>
internal sealed class StdioOutput(Stream inner) : Stream
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly MemoryStream _pending = new();

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Writes one complete line (which must end in a newline) at once, between other writers' lines.</summary>
    public async Task WriteLineAsync(ReadOnlyMemory<byte> line, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await inner.WriteAsync(line, cancellationToken);
            await inner.FlushAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        if (buffer.Length > 0 && buffer.Span[^1] == (byte)'\n')
        {
            await FlushAsync(cancellationToken);
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        var bytes = _pending.ToArray();
        _pending.SetLength(0);
        await WriteLineAsync(bytes, cancellationToken);
    }

    public override void Flush() => FlushAsync(CancellationToken.None).GetAwaiter().GetResult();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gate.Dispose();
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
