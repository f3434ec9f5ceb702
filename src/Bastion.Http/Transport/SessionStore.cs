using System.Collections.Concurrent;
using Bastion.Core.Telemetry;

namespace Bastion.Http.Transport;

/// <summary>
/// The open sessions by id, held to the session caps of <see cref="ConcurrencyLimits"/> (server, tenant, principal);
/// sessions idle longer than the timeout are ended by <see cref="PruneIdleAsync"/>.
/// </summary>
internal sealed class SessionStore(HttpServerOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, HttpSession> _sessions = new(StringComparer.Ordinal);
    private readonly TenantCounters _counts = new(
        "sessions",
        "sessions",
        (options.Limits.Sessions, "--max-sessions"),
        (options.Limits.SessionsPerTenant, "--max-sessions-per-tenant"),
        (options.Limits.SessionsPerPrincipal, "--max-sessions-per-principal"),
        $"end a session you no longer use (DELETE /mcp with its Mcp-Session-Id), or wait for idle ones to end after {options.SessionIdleTimeout.TotalSeconds:0} s, then retry.");

    public int Count => _sessions.Count;

    /// <summary>Adds <paramref name="session"/>; null when added, else which cap refused it.</summary>
    public CapRefusal? TryAdd(HttpSession session)
    {
        if (_counts.TryTake(session.Owner) is { } refusal)
        {
            return refusal;
        }

        if (!_sessions.TryAdd(session.Id, session))
        {
            _counts.Give(session.Owner);
            throw new InvalidOperationException($"Session id {session.Id} is in use already.");
        }

        BastionTelemetry.SessionOpened();
        return null;
    }

    public bool TryGet(string id, out HttpSession session) => _sessions.TryGetValue(id, out session!);

    /// <summary>Ends the session <paramref name="id"/>; false when there is none.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        if (!_sessions.TryRemove(id, out var session))
        {
            return false;
        }

        _counts.Give(session.Owner);
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
