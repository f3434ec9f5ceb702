using System.Net;

namespace Bastion.Http;

/// <summary>Loopback host names and addresses, as they appear in URLs and Host headers.</summary>
internal static class HostNames
{
    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1 (with or without brackets).</summary>
    public static bool IsLoopback(string host)
    {
        var bare = host.Trim('[', ']');
        return string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address));
    }
}
