using System.Net;

namespace Bastion.Http.Auth;

/// <summary>Whether a URL points at this machine's loopback interface (127.0.0.0/8, ::1, or the name localhost).</summary>
internal static class Loopback
{
    public static bool IsLoopback(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        return uri.IsLoopback
            || string.Equals(uri.IdnHost, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(uri.IdnHost, out var address) && IPAddress.IsLoopback(address));
    }
}
