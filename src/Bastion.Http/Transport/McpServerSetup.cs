using ModelContextProtocol.Server;

namespace Bastion.Http.Transport;

/// <summary>The options and services an MCP server session is created with; shared by all sessions of one tenant.</summary>
public sealed record McpServerSetup(McpServerOptions Options, IServiceProvider Services);
