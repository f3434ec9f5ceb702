namespace Bastion.Http.Transport;

/// <summary>The MCP revisions this endpoint speaks over Streamable HTTP, and the check of the <c>MCP-Protocol-Version</c> header.</summary>
internal static class ProtocolVersions
{
    /// <summary>
    /// 2025-03-26 (assumed when a client sends no header, as the specification says), 2025-06-18 and 2025-11-25.
    /// 2026-07-28 drops sessions and the initialize handshake; a client asking for it gets 400 with this list and falls
    /// back to initialize.
    /// </summary>
    public static IReadOnlyList<string> Supported { get; } = ["2025-03-26", "2025-06-18", "2025-11-25"];

    /// <summary>Null when <paramref name="header"/> is absent or supported; otherwise the refusal's message.</summary>
    public static string? Problem(string? header) =>
        string.IsNullOrEmpty(header) || Supported.Contains(header, StringComparer.Ordinal)
            ? null
            : $"Bad Request: MCP-Protocol-Version '{header}' is not supported. Supported: {string.Join(", ", Supported)}.";
}
