using System.Text.Json;
using Bastion.Mcp.Pipeline;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests;

/// <summary>Every tool through a real MCP client: structured results that fit their output schemas, and clear tool errors.</summary>
public class ToolCallTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private Dictionary<string, object?> ArgumentsFor(string tool) => tool switch
    {
        "metrics_sample" => new() { ["seconds"] = 0.2 },
        "processes_list" => new() { ["seconds"] = 0.2, ["limit"] = 5 },
        "logs_tail" => new() { ["path"] = Path.Combine(server.LogRoot, "app.log"), ["limit"] = 2 },
        "logs_search" => new() { ["path"] = Path.Combine(server.LogRoot, "app.log"), ["pattern"] = "ERROR", ["since"] = "2000-01-01" },
        "files_list" => new() { ["path"] = server.LogRoot },
        "files_read" => new() { ["path"] = Path.Combine(server.LogRoot, "app.log") },
        "commands_run" => new() { ["command"] = "uptime" },
        _ => [],
    };

    private static readonly string[] Names =
        ["hosts_list", "hosts_describe", "metrics_sample", "processes_list", "users_list", "groups_list", "packages_list",
         "sockets_list", "interfaces_list", "disks_list", "services_list", "logs_tail", "logs_search", "files_list", "files_read", "commands_run", "audit_search", "credentials_status", "access_status"];

    /// <summary>Served from the history store, which this fixture does not register; called in Bastion.Store.Sqlite.Tests.</summary>
    private static readonly string[] HistoryNames = ["metrics_history", "metrics_top", "alerts_list", "alert_rules_list"];

    public static TheoryData<string> ToolNames() => new(Names);

    [Fact]
    public async Task ListTools_ServesTheWholeCatalogue_WithHonestReadOnlyAnnotations()
    {
        var tools = await server.Client.ListToolsAsync();
        tools.Select(t => t.Name).Order().ShouldBe(Names.Concat(HistoryNames).Order());
        foreach (var tool in tools.Select(t => t.ProtocolTool))
        {
            tool.Annotations.ShouldNotBeNull();
            // commands_run can change anything, so it says so; read-only mode holds it to the read-only command set.
            tool.Annotations.ReadOnlyHint.ShouldBe(tool.Name != "commands_run", tool.Name);
            tool.Annotations.DestructiveHint.ShouldBe(tool.Name == "commands_run", tool.Name);
            tool.OutputSchema.ShouldNotBeNull(tool.Name);
            tool.Description!.Length.ShouldBeGreaterThan(80, tool.Name);
            tool.Name.ShouldMatch("^[a-z]+(_[a-z]+){1,2}$");
        }
    }

    [Theory]
    [MemberData(nameof(ToolNames))]
    public async Task CallTool_ReturnsStructuredContent_ThatFitsTheOutputSchema(string name)
    {
        var tool = (await server.Client.ListToolsAsync()).Single(t => t.Name == name);
        var result = await server.Client.CallToolAsync(name, ArgumentsFor(name));
        result.IsError.ShouldNotBe(true, string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        var structured = result.StructuredContent.ShouldNotBeNull();
        JsonSchemaValidator.Validate(structured, tool.ProtocolTool.OutputSchema!.Value).ShouldBeEmpty();
        if (structured.TryGetProperty("summary", out var summary))
        {
            // Host tools fan out: a summary first, then one outcome per host, here the local host alone.
            summary.GetProperty("ok").GetInt32().ShouldBe(1);
            var outcome = structured.GetProperty("hosts").EnumerateArray().Single();
            outcome.GetProperty("host").GetString().ShouldBe("local");
            outcome.GetProperty("status").GetString().ShouldBe("ok");
            if (outcome.GetProperty("result").TryGetProperty("host", out var resultHost))
            {
                resultHost.GetString().ShouldBe("local");
            }
        }

        // The text block carries the same JSON for clients that do not read structured content.
        var text = result.Content.OfType<TextContentBlock>().Single().Text;
        JsonElement.DeepEquals(JsonDocument.Parse(text).RootElement, structured).ShouldBeTrue();
    }

    [Theory]
    [InlineData("hosts_describe", "target", "web-01", "Unknown host 'web-01'. Known hosts: local; groups: none.")]
    [InlineData("metrics_sample", "target", "@web", "Unknown group 'web'.")]
    [InlineData("files_read", "path", "etc/passwd", "path 'etc/passwd' is not absolute.")]
    [InlineData("processes_list", "limit", -1, "limit: -1 is below the minimum 1 (accepted: 1 to 200)")]
    [InlineData("metrics_sample", "seconds", 60, "seconds: 60 is above the maximum 10 (accepted: 0.1 to 10)")]
    [InlineData("processes_list", "sort", "disk", "sort: \"disk\" is not one of \"cpu\", \"memory\"")]
    [InlineData("logs_tail", "path", "/etc/shadow", "path '/etc/shadow' is outside what the logs tools may read. Accepted: an absolute path to a file under /var/log")]
    [InlineData("logs_tail", "path", "/var/log/../../etc/passwd", "contains '..'")]
    [InlineData("users_list", "limit", "many", "limit: expected an integer, got the string \"many\"")]
    [InlineData("hosts_list", "hostname", "x", "unknown argument 'hostname' (accepted: select, limit)")]
    public async Task CallTool_ReturnsAToolError_ThatSaysWhatIsAccepted(string tool, string argument, object value, string expected)
    {
        var result = await server.Client.CallToolAsync(tool, new Dictionary<string, object?> { [argument] = value });
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain(expected);
    }

    [Fact]
    public async Task LogsTail_ReturnsTheLastLines_OfAnAllowedFile()
    {
        var result = await server.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = Path.Combine(server.LogRoot, "app.log"), ["pattern"] = "DISK", ["ignore_case"] = true });
        var tail = result.StructuredContent!.Value.GetProperty("hosts")[0].GetProperty("result");
        var lines = tail.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList();
        lines.ShouldBe(["warning: disk 91% full"]);
    }

    [Fact]
    public async Task CallTool_AcceptsNumbersWrittenAsStrings()
    {
        var result = await server.Client.CallToolAsync("hosts_list", new Dictionary<string, object?> { ["limit"] = "5" });
        result.IsError.ShouldNotBe(true);
    }

    [Fact]
    public async Task ListTools_ShowsOptionalParameters_AsTheirPlainType_WithoutGuardBounds()
    {
        var tools = (await server.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool.InputSchema);
        var tail = tools["logs_tail"].GetProperty("properties");
        tail.GetProperty("path").GetProperty("type").GetString().ShouldBe("string");
        tail.GetProperty("path").TryGetProperty("default", out _).ShouldBeFalse();
        tail.GetProperty("path").TryGetProperty("maxLength", out _).ShouldBeFalse();
        tail.GetProperty("since").GetProperty("maxLength").GetInt32().ShouldBe(40);
        tail.GetProperty("limit").GetProperty("maximum").GetInt32().ShouldBe(1000);
        var offset = tools["files_read"].GetProperty("properties").GetProperty("offset");
        offset.TryGetProperty("maximum", out _).ShouldBeFalse();
        offset.GetProperty("minimum").GetInt32().ShouldBe(0);
        var run = tools["commands_run"].GetProperty("properties");
        run.GetProperty("argv").GetProperty("type").GetString().ShouldBe("array");
        run.GetProperty("argv").GetProperty("items").GetProperty("type").GetString().ShouldBe("string");
        run.GetProperty("env").GetProperty("type").GetString().ShouldBe("object");
        foreach (var (name, schema) in tools)
        {
            foreach (var p in schema.GetProperty("properties").EnumerateObject())
            {
                p.Value.GetProperty("type").ValueKind.ShouldBe(JsonValueKind.String, $"{name}.{p.Name}");
            }
        }
    }

    [Fact]
    public async Task CallTool_AcceptsAnExplicitNull_ForAnOptionalParameter()
    {
        var result = await server.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = Path.Combine(server.LogRoot, "app.log"), ["pattern"] = null, ["since"] = null, ["limit"] = 1 });
        result.IsError.ShouldNotBe(true, string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        result.StructuredContent!.Value.GetProperty("hosts")[0].GetProperty("result").GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ShouldBe(["ready"]);
    }

    [Fact]
    public async Task CallTool_RefusesAnOverlongString_ThoughTheListedSchemaLeavesTheGuardOut()
    {
        var result = await server.Client.CallToolAsync("hosts_list", new Dictionary<string, object?> { ["select"] = new string('a', 1001) });
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("select");
    }

    [Fact]
    public async Task CallTool_OfAnUnknownTool_IsAProtocolError()
    {
        var e = await Should.ThrowAsync<ModelContextProtocol.McpProtocolException>(() => server.Client.CallToolAsync("no_such_tool").AsTask());
        e.Message.ShouldContain("no_such_tool");
    }

    [Fact]
    public async Task Initialize_NamesTheServer_AndGivesInstructions()
    {
        server.Client.ServerInfo!.Name.ShouldBe("bastion");
        server.Client.ServerInstructions.ShouldNotBeNull().ShouldContain("hosts_list");
        await Task.CompletedTask;
    }
}
