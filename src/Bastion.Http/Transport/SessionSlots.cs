using System.Collections.Concurrent;
using Bastion.Core.Policy;
using Bastion.Core.Telemetry;

namespace Bastion.Http.Transport;

/// <summary>
/// The session caps of <see cref="ConcurrencyLimits"/> (server, tenant, principal) over the SDK's sessions: a request
/// that may open a session (an <c>initialize</c> POST without <c>Mcp-Session-Id</c>, or a legacy <c>GET /sse</c>) takes
/// a slot before the SDK sees it, and is refused when a cap is reached, so no live session is ever evicted to make
/// room. A slot taken for a session the SDK did open is held until that session's server stops (DELETE, idle timeout,
/// the SSE stream closing, shutdown); otherwise it is given back when the request ends.
/// </summary>
internal sealed class SessionSlots(HttpServerOptions options)
{
    private readonly TenantCounters _counts = new(
        "sessions",
        "sessions",
        (options.Limits.Sessions, "--max-sessions"),
        (options.Limits.SessionsPerTenant, "--max-sessions-per-tenant"),
        (options.Limits.SessionsPerPrincipal, "--max-sessions-per-principal"),
        $"end a session you no longer use (DELETE /mcp with its Mcp-Session-Id), or wait for idle ones to end after {options.SessionIdleTimeout.TotalSeconds:0} s, then retry.");

    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);

    /// <summary>Sessions open (or being opened) on the whole server.</summary>
    public int Count => _counts.Total;

    /// <summary>Takes a slot for <paramref name="principal"/>; null when taken, else which cap refused it.</summary>
    public CapRefusal? TryTake(Principal? principal)
    {
        var refusal = _counts.TryTake(principal);
        if (refusal is null)
        {
            BastionTelemetry.SessionOpened();
        }

        return refusal;
    }

    /// <summary>Gives back a slot of <paramref name="principal"/>.</summary>
    public void Give(Principal? principal)
    {
        _counts.Give(principal);
        BastionTelemetry.SessionClosed();
    }

    /// <summary>Notes that the server of session <paramref name="id"/> runs, until <see cref="Stopped"/>.</summary>
    public void Running(string id) => _running[id] = 0;

    /// <summary>Notes that the server of session <paramref name="id"/> stopped.</summary>
    public void Stopped(string id) => _running.TryRemove(id, out _);

    /// <summary>True while the server of session <paramref name="id"/> runs on this instance.</summary>
    public bool IsRunning(string id) => _running.ContainsKey(id);
}
