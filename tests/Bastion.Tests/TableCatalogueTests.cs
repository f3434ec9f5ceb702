using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bastion.Cli;
using Bastion.Cli.Tables;
using Bastion.Mcp;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;
using Xunit.Abstractions;

namespace Bastion.Tests;

/// <summary>
/// Every tool of this build (all modes, platform tools included) renders an answer made up from its output schema as tables:
/// rows with headers, no record dumped as key=value in a cell, a failed host as a row with its error, and every declared
/// headline column filled.
/// </summary>
public sealed partial class TableCatalogueTests(ITestOutputHelper output)
{
    private const string HostError = "ssh: connect to host web-02 port 22: Connection refused";

    [Fact]
    public async Task Catalogue_RendersEveryToolsAnswer_AsTablesWithoutKeyValueDumps()
    {
        var tools = await EveryToolAsync();
        tools.Count.ShouldBeGreaterThan(45, "every mode with all four platforms: 50 tools since the platform tools were merged per resource family");
        var failures = new List<string>();
        foreach (var tool in tools)
        {
            if (tool.OutputSchema is not { } schema)
            {
                failures.Add($"{tool.Name}: no output schema");
                continue;
            }

            var sample = SampleAnswer(schema);
            var blocks = ResultRenderer.Render(tool.Name, JsonSerializer.SerializeToElement(sample));
            var text = TableWriter.ToText(blocks, width: null);
            output.WriteLine($"===== {tool.Name}\n{text}");
            failures.AddRange(Problems(tool.Name, sample, blocks, text).Select(p => $"{tool.Name}: {p}"));
        }

        failures.ShouldBeEmpty(string.Join('\n', failures));
    }

    [Fact]
    public async Task Catalogue_DeclaredLayouts_NameToolsThatExist()
    {
        var names = (await EveryToolAsync()).Select(t => t.Name).ToHashSet();
        TableLayouts.Declared.Where(n => !names.Contains(n)).ShouldBeEmpty();
    }

    private static IEnumerable<string> Problems(string tool, JsonNode sample, List<TableBlock> blocks, string text)
    {
        var tables = blocks.OfType<TextTable>().ToList();
        if (tables.Count == 0 || tables.All(t => t.Rows.Count == 0))
        {
            yield return "no table with rows";
        }

        foreach (var cell in tables.SelectMany(t => t.Rows.SelectMany(r => r)))
        {
            if (KeyValueDump().IsMatch(cell) || cell.StartsWith('{') || cell.StartsWith('['))
            {
                yield return $"a record dumped in a cell: '{cell}'";
            }
        }

        foreach (var table in tables)
        {
            if (table.Rows.Any(r => r.Length != table.Headers.Count))
            {
                yield return $"rows of table '{table.Title}' do not match its {table.Headers.Count} headers";
            }
        }

        if (ResultRenderer.IsFanOut(JsonSerializer.SerializeToElement(sample)))
        {
            if (!tables.Any(t => t.Rows.Any(r => r.Contains("web-02") && r.Contains("unreachable") && r.Contains(HostError))))
            {
                yield return "the unreachable host is not a row with its status and error";
            }
        }

        if (TableLayouts.For(tool) is { } layout)
        {
            foreach (var table in tables.Where(t => layout.Tables.Any(s => s.Title == t.Title)))
            {
                var spec = layout.Tables.First(s => s.Title == table.Title);
                foreach (var column in spec.Columns)
                {
                    var index = table.Headers.ToList().IndexOf(column.Header ?? CellText.Header(column.Path));
                    var okRows = table.Rows.Where(r => !r.Contains("unreachable")).ToList();
                    if (index >= 0 && okRows.Count > 0 && okRows.All(r => r[index] == "-"))
                    {
                        yield return $"declared column '{column.Path}' is empty in every row: the path does not match the output schema";
                    }
                }
            }
        }

        if (text.Contains("\u001b[", StringComparison.Ordinal))
        {
            yield return "ANSI codes off a terminal";
        }
    }

    /// <summary>A made-up answer; for fan-out tools, the second host failed (unreachable) instead of answering.</summary>
    private static JsonNode SampleAnswer(JsonElement schema)
    {
        var sample = SchemaSample.For(schema)!;
        if (ResultRenderer.IsFanOut(JsonSerializer.SerializeToElement(sample)))
        {
            var hosts = sample["hosts"]!.AsArray();
            hosts[0]!["host"] = "web-01";
            hosts[0]!["status"] = "ok";
            hosts[0]!["error"] = null;
            hosts[1]!["host"] = "web-02";
            hosts[1]!["status"] = "unreachable";
            hosts[1]!["error"] = HostError;
            hosts[1]!["result"] = null;
        }

        return sample;
    }

    /// <summary>Every tool of this build, whatever the mode and whether its platform is configured (as docs/tools.md lists them).</summary>
    private static async Task<List<Tool>> EveryToolAsync()
    {
        var root = new RootCommand { ServerFlags.DataDirectory, ToolsCommand.Create() };
        var parse = root.Parse(["tools", "--data-dir", Directory.CreateTempSubdirectory("bastion-tables-").FullName]);
        await using var services = Composition.Build(parse, LogLevel.None, everyTool: true);
        await using var session = await InProcessSession.StartAsync(services, CancellationToken.None);
        return [.. (await session.Client.ListToolsAsync()).Select(t => t.ProtocolTool)];
    }

    /// <summary>Two or more key=value pairs side by side: a record printed as a dump instead of as columns.</summary>
    [GeneratedRegex(@"\b[\w.]+=[^\s,]*\s+[\w.]+=")]
    private static partial Regex KeyValueDump();
}
