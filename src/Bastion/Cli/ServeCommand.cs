using System.CommandLine;
using Bastion.Mcp;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Bastion.Cli;

/// <summary><c>bastion serve</c>: the MCP server over stdio, as desktop clients start it.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("serve", "Run the MCP server over stdio (what Claude Desktop, Claude Code, Cursor and VS Code start), or with --http as a shared Streamable HTTP server. Logs go to stderr.")
        {
            logLevel,
        };
        ServerFlags.AddTo(command);
        HttpFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (HttpFlags.Requested(parse))
            {
                return await HttpServe.RunAsync(parse, parse.GetValue(logLevel), cancellationToken);
            }

            await using var services = Composition.Build(parse, parse.GetValue(logLevel));
            var loggers = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
            var options = BastionServer.CreateOptions(services);
            await using var server = McpServer.Create(new StdioServerTransport(options, loggers), options, loggers, services);
            await server.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
