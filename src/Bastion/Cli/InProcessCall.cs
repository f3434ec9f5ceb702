using System.CommandLine;
using Bastion.Mcp;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Cli;

/// <summary>
/// Runs one tool in-process through the same MCP pipeline a client uses (so policy and audit apply), for the verbs that
/// print a tool's answer: <c>call</c>, <c>history</c>, <c>top</c>. Exit code 0 when the printer ran, 1 on a tool error
/// (its text on stderr), 2 on bad usage (an unknown tool, or arguments the verb could not build).
/// </summary>
internal static class InProcessCall
{
    /// <summary>Calls tool <paramref name="name"/> and prints its answer with <paramref name="print"/>; returns the exit code.</summary>
    /// <param name="parse">The verb's parsed command line (data directory and server flags).</param>
    /// <param name="level">Least severe log messages written to stderr.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="arguments">Builds the arguments from the tool's description; throws <see cref="ArgumentException"/> on bad usage.</param>
    /// <param name="print">Writes a successful result to stdout.</param>
    /// <param name="cancellationToken">Stops the call.</param>
    /// <param name="client">The in-process client's options (e.g. how it answers confirmations); default: it cannot ask.</param>
    public static async Task<int> RunAsync(
        ParseResult parse, LogLevel level, string name, Func<McpClientTool, Dictionary<string, object?>> arguments, Action<CallToolResult> print, CancellationToken cancellationToken,
        McpClientOptions? client = null)
    {
        await using var services = Composition.Build(parse, level);
        await using var session = await InProcessSession.StartAsync(services, cancellationToken, client);
        var tools = await session.Client.ListToolsAsync(cancellationToken: cancellationToken);
        var match = tools.FirstOrDefault(t => t.Name == name);
        if (match is null)
        {
            await Console.Error.WriteLineAsync($"Unknown tool '{name}'. Tools: {string.Join(", ", tools.Select(t => t.Name))}.");
            return 2;
        }

        Dictionary<string, object?> values;
        try
        {
            values = arguments(match);
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync(e.Message);
            return 2;
        }

        var result = await session.Client.CallToolAsync(name, values, cancellationToken: cancellationToken);
        if (result.IsError == true)
        {
            await Console.Error.WriteLineAsync(Text(result));
            return 1;
        }

        print(result);
        return 0;
    }

    /// <summary>The text blocks of a result, one per line.</summary>
    public static string Text(CallToolResult result) => string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
}
