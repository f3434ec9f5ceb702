using System.CommandLine;
using Bastion.Http.Observability;
using Bastion.Mcp;
using Bastion.Mcp.Observability;
using Bastion.Stdio;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Bastion.Cli;

/// <summary><c>bastion serve</c>: the MCP server over stdio, as desktop clients start it, or over Streamable HTTP with <c>--http</c>.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var logLevel = CommonOptions.LogLevel();
        var logFormat = new Option<LogFormat>("--log-format") { Description = "How log lines on stderr look: plain (default) or json (one JSON object per line, for log collectors)." };
        var otlp = new Option<string?>("--otlp-endpoint") { Description = "Send OpenTelemetry traces of tool calls (and HTTP requests) over OTLP to this collector, e.g. http://127.0.0.1:4318. Default: $OTEL_EXPORTER_OTLP_ENDPOINT when set, else off." };
        var command = new Command("serve", "Run the MCP server over stdio (what Claude Desktop, Claude Code, Cursor and VS Code start), or with --http as a shared Streamable HTTP server. Logs go to stderr.")
        {
            logLevel,
            logFormat,
            otlp,
        };
        ServerFlags.AddTo(command);
        HistoryFlags.AddTo(command);
        HttpFlags.AddTo(command);
        StoreFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var tracing = OtlpTracing.StartOtlpTracing(parse.GetValue(otlp));
            var (level, format) = (parse.GetValue(logLevel), parse.GetValue(logFormat));
            if (HttpFlags.Requested(parse))
            {
                return await HttpServe.RunAsync(parse, level, format, cancellationToken);
            }

            await using var services = Composition.Build(parse, level, logFormat: format);
            var loggers = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
            var options = BastionServer.CreateOptions(services);
            // The SDK's stream transport over our guarded stdin/stdout: lines over --max-body and lines the SDK would
            // drop without an answer (not JSON, an id beyond 64 bits) are refused with a JSON-RPC error instead.
            await using var stdout = new StdioOutput(Console.OpenStandardOutput());
            await using var stdin = new StdioInput(Console.OpenStandardInput(), stdout, HttpFlags.MaxBodyBytes(parse));
            await using var collector = new BackgroundCollector(services);
            collector.StartAfterFirstAnswer(options);
            await using var server = McpServer.Create(new StreamServerTransport(stdin, stdout, options.ServerInfo?.Name, loggers), options, loggers, services);
            await server.RunAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
