using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using Bastion.Mcp;
using ModelContextProtocol.Protocol;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion call TOOL [key=value…] [--table]</c>: runs one tool in-process, through the same MCP pipeline a client
/// uses, and prints its structured result as JSON (or as tables). Exit code 0 on success, 1 on a tool error, 2 on bad usage.
/// </summary>
internal static class CallCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Command Create()
    {
        var tool = new Argument<string>("tool") { Description = "Tool name, e.g. metrics_sample (see bastion tools)." };
        var arguments = new Argument<string[]>("arguments") { Description = "Tool arguments as key=value, e.g. limit=5 sort=memory.", Arity = ArgumentArity.ZeroOrMore };
        var table = new Option<bool>("--table") { Description = "Print the result as tables instead of JSON." };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("call", "Run one tool and print its result.") { tool, arguments, table, logLevel };
        ServerFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Composition.Build(parse, parse.GetValue(logLevel));
            await using var session = await InProcessSession.StartAsync(services, cancellationToken);
            var name = parse.GetValue(tool)!;
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
                values = CallArguments.Parse(parse.GetValue(arguments) ?? [], match.ProtocolTool.InputSchema);
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            var result = await session.Client.CallToolAsync(name, values, cancellationToken: cancellationToken);
            if (result.IsError == true)
            {
                await Console.Error.WriteLineAsync(string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
                return 1;
            }

            if (result.StructuredContent is not { } structured)
            {
                Console.Out.WriteLine(string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
            }
            else if (parse.GetValue(table))
            {
                ResultTables.Write(structured);
            }
            else
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(structured, Indented));
            }

            return 0;
        });
        return command;
    }
}
