using System.CommandLine;
using System.Text.Json;
using Bastion.Mcp;
using Bastion.Mcp.Catalog;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using Spectre.Console;
using System.Text.Json.Serialization.Metadata;

namespace Bastion.Cli;

/// <summary><c>bastion tools</c>: the tool catalogue, as a table, as the tools/list JSON, or as the Markdown reference.</summary>
internal static class ToolsCommand
{
    private static readonly JsonSerializerOptions Indented = new(McpJsonUtilities.DefaultOptions) { WriteIndented = true };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the tools/list answer as JSON (names, schemas, annotations)." };
        var markdown = new Option<bool>("--markdown") { Description = "Print the Markdown tool reference (docs/tools.md): every tool, opt-in ones included." };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("tools", "List the tools Bastion serves.") { json, markdown, logLevel };
        ServerFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var services = Composition.Build(parse, parse.GetValue(logLevel), everyTool: parse.GetValue(markdown));
            await using var session = await InProcessSession.StartAsync(services, cancellationToken);
            var tools = (await session.Client.ListToolsAsync(cancellationToken: cancellationToken)).Select(t => t.ProtocolTool).ToList();
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(new ListToolsResult { Tools = tools }, (JsonTypeInfo<ListToolsResult>)Indented.GetTypeInfo(typeof(ListToolsResult))));
            }
            else if (parse.GetValue(markdown))
            {
                Console.Out.Write(ToolReference.Render(tools));
            }
            else
            {
                var table = new Table().AddColumns("tool", "what it does");
                foreach (var tool in tools)
                {
                    table.AddRow(Markup.Escape(tool.Name), Markup.Escape(tool.Description ?? string.Empty));
                }

                AnsiConsole.Write(table);
            }

            return 0;
        });
        return command;
    }
}
