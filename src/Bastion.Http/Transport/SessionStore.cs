using System.Collections.Concurrent;
using Bastion.Core.Telemetry;

namespace Bastion.Http.Transport;

/// <summary>The open sessions by id; sessions idle longer than the timeout are ended by <see cref="PruneIdleAsync"/>.</summary>
internal sealed class SessionStore(HttpServerOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HttpSession> _sessions = new(StringComparer.Ordinal);

    public int Count => _sessions.Count;

    public bool TryAdd(HttpSession session)
    {
        if (_sessions.Count >= options.MaxSessions || !_sessions.TryAdd(session.Id, session))
        {
            return false;
        }

        BastionTelemetry.SessionOpened();
        return true;
    }

    public bool TryGet(string id, out HttpSession session) => _sessions.TryGetValue(id, out session!);

    /// <summary>Ends the session <paramref name="id"/>; false when there is none.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        if (!_sessions.TryRemove(id, out var session))
        {
            return false;
        }

        BastionTelemetry.SessionClosed();
        await session.DisposeAsync();
        return true;
    }

    /// <summary>Ends every session idle for longer than the timeout; returns how many.</summary>
    public async Task<int> PruneIdleAsync()
    {
        var pruned = 0;
        foreach (var session in _sessions.Values.Where(s => s.IdleFor > options.SessionIdleTimeout).ToList())
        {
            if (await RemoveAsync(session.Id))
            {
                pruned++;
            }
        }

        return pruned;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _sessions.Keys.ToList())
        {
            await RemoveAsync(id);
        }
    }
}
