using Microsoft.AspNetCore.Http;

namespace Bastion.Http.Transport;

/// <summary>
/// Defence against DNS rebinding: a request whose <c>Host</c> is not one of the server's names, or whose <c>Origin</c>
/// (when sent) is not the server's own or an allowed one, is refused with 403 before anything else runs. On a loopback
/// bind the server's names are localhost, 127.0.0.0/8 and ::1; otherwise the public URL's host, the bind address and
/// <c>--allowed-host</c>.
/// </summary>
internal sealed class HostAndOriginGuard(HttpServerOptions options)
{
    private readonly HashSet<string> _hosts = new(
        [options.ResourceUrl.Host, options.Listen.Host, .. options.AllowedHosts],
        StringComparer.OrdinalIgnoreCase);

    private readonly HashSet<string> _origins = new(
        [options.ResourceUrl.GetLeftPart(UriPartial.Authority), .. options.AllowedOrigins.Select(o => o.TrimEnd('/'))],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>True when any Host is accepted: a wildcard bind (0.0.0.0, ::) with no public URL or allowed host named.</summary>
    public bool AcceptsAnyHost { get; } =
        options.PublicUrl is null && options.AllowedHosts.Count == 0 && options.Listen.Host is "0.0.0.0" or "[::]" or "::" or "*" or "+";

    /// <summary>Null when the request may go on; otherwise why it is refused.</summary>
    public string? Refusal(HttpRequest request)
    {
        var host = request.Host.Host;
        if (!AcceptsAnyHost && !(options.ListensOnLoopbackOnly && HostNames.IsLoopback(host)) && !_hosts.Contains(host))
        {
            return $"Forbidden: Host '{request.Host}' is not a name of this server (DNS rebinding protection).";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length == 0 || _origins.Contains(origin.TrimEnd('/')))
        {
            return null;
        }

        return Uri.TryCreate(origin, UriKind.Absolute, out var uri) && options.ListensOnLoopbackOnly && HostNames.IsLoopback(uri.Host)
            ? null
            : $"Forbidden: Origin '{origin}' is not allowed (DNS rebinding protection; see --allowed-origin).";
    }
}
