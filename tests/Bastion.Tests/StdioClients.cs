using ModelContextProtocol.Client;

namespace Bastion.Tests;

/// <summary>How the tests' C# clients talk to a freshly started `bastion serve`.</summary>
internal static class StdioClients
{
    /// <summary>
    /// Pinned to 2025-11-25, the revision desktop clients speak today. Left unpinned, the SDK's client first probes for
    /// 2026-07-28 with server/discover and gives up on it after 5 s; on a loaded machine a server still starting answers
    /// the probe after that, and the session ends up on a revision whose handshake the client then breaks.
    /// </summary>
    public static McpClientOptions Options => new() { ProtocolVersion = "2025-11-25" };
}
