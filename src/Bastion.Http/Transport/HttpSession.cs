using Bastion.Core.Policy;
using ModelContextProtocol.Server;

namespace Bastion.Http.Transport;

/// <summary>
/// One stateful MCP session: its id (<c>Mcp-Session-Id</c>), the principal that opened it (the only one who may use
/// it), the SDK transport and server, and when it was last used.
/// </summary>
internal sealed class HttpSession(string id, Principal? owner, StreamableHttpServerTransport transport, McpServer server, TimeProvider clock) : IAsyncDisposable
{
    private readonly TimeProvider _clock = clock;
    private readonly CancellationTokenSource _closed = new();
    private int _activeRequests;
    private int _getStreamOpen;
    private long _lastActivity = clock.GetTimestamp();
    private int _disposed;

    public string Id => id;

    /// <summary>The principal that opened the session; null for an unauthenticated local caller.</summary>
    public Principal? Owner => owner;

    public StreamableHttpServerTransport Transport => transport;

    public Task RunTask { get; set; } = Task.CompletedTask;

    /// <summary>Cancelled when the session ends (DELETE, idle, shutdown).</summary>
    public CancellationToken Closed => _closed.Token;

    /// <summary>True when <paramref name="principal"/> is the one who opened the session (same name and tenant).</summary>
    public bool BelongsTo(Principal? principal) =>
        string.Equals(owner?.Name, principal?.Name, StringComparison.Ordinal) && string.Equals(owner?.Tenant, principal?.Tenant, StringComparison.Ordinal);

    /// <summary>How long the session has had no request in progress.</summary>
    public TimeSpan IdleFor => Volatile.Read(ref _activeRequests) > 0 ? TimeSpan.Zero : _clock.GetElapsedTime(Interlocked.Read(ref _lastActivity));

    /// <summary>Marks a request in progress until the returned value is disposed.</summary>
    public IDisposable Use()
    {
        Interlocked.Increment(ref _activeRequests);
        Interlocked.Exchange(ref _lastActivity, _clock.GetTimestamp());
        return new Release(this);
    }

    /// <summary>Claims the session's one server-to-client GET stream; false when it is open already.</summary>
    public bool TryOpenGetStream() => Interlocked.Exchange(ref _getStreamOpen, 1) == 0;

    /// <summary>Frees the GET stream for a later GET.</summary>
    public void CloseGetStream() => Interlocked.Exchange(ref _getStreamOpen, 0);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _closed.CancelAsync();
        try
        {
            await transport.DisposeAsync();
            await RunTask;
        }
        catch (OperationCanceledException)
        {
            // the session's server loop ends by cancellation
        }
        finally
        {
            await server.DisposeAsync();
            _closed.Dispose();
        }
    }

    private sealed class Release(HttpSession session) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                Interlocked.Exchange(ref session._lastActivity, session._clock.GetTimestamp());
                Interlocked.Decrement(ref session._activeRequests);
            }
        }
    }

}
