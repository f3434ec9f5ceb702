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
}
