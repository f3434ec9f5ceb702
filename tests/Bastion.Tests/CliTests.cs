using System.Text.Json;
using Bastion.Testing;

namespace Bastion.Tests;

/// <summary>The human CLI: <c>bastion tools</c> and <c>bastion call</c>, run as processes.</summary>
public class CliTests
{
    [Fact]
    public async Task Call_PrintsTheStructuredResultAsJson()
    {
        var (code, stdout, _) = await BastionProcess.RunAsync("call", "hosts_describe");
        code.ShouldBe(0);
        var result = JsonDocument.Parse(stdout).RootElement.GetProperty("hosts")[0].GetProperty("result");
        result.GetProperty("host").GetString().ShouldBe("local");
        result.GetProperty("cpu_count").GetInt32().ShouldBe(Environment.ProcessorCount);
        result.GetProperty("hostname").GetString().ShouldBe(File.ReadAllText("/proc/sys/kernel/hostname").Trim());
    }

    [Fact]
    public async Task Call_TypesArgumentsByTheToolsSchema()
    {
        var (code, stdout, stderr) = await BastionProcess.RunAsync("call", "processes_list", "limit=2", "sort=memory", "seconds=0.1");
        code.ShouldBe(0, stderr);
        var result = JsonDocument.Parse(stdout).RootElement.GetProperty("hosts")[0].GetProperty("result");
        result.GetProperty("processes").GetArrayLength().ShouldBe(2);
        result.GetProperty("sort").GetString().ShouldBe("memory");
    }

    [Fact]
    public async Task Call_PrintsTables_WithUnits()
    {
        var (code, stdout, _) = await BastionProcess.RunAsync("call", "metrics_sample", "seconds=0.1", "--table");
        code.ShouldBe(0);
        stdout.ShouldContain("mem avail");
        stdout.ShouldContain("GiB");
        stdout.ShouldContain("cpu %");
        stdout.ShouldNotContain("\u001b[");
    }

    [Fact]
    public async Task Call_ExitsWithOne_AndExplains_OnAToolError()
    {
        var (code, stdout, stderr) = await BastionProcess.RunAsync("call", "processes_list", "limit=-1");
        code.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("limit: -1 is below the minimum 1 (accepted: 1 to 200)");
    }

    [Fact]
    public async Task Call_ExitsWithTwo_OnAnUnknownTool_OrAWordWithoutEquals()
    {
        var (code, _, stderr) = await BastionProcess.RunAsync("call", "no_such_tool");
        code.ShouldBe(2);
        stderr.ShouldContain("Unknown tool 'no_such_tool'. Tools: hosts_list");
        (code, _, stderr) = await BastionProcess.RunAsync("call", "hosts_list", "limit");
        code.ShouldBe(2);
        stderr.ShouldContain("'limit' is not key=value");
    }

    [Fact]
    public async Task Tools_PrintsTheToolsListAnswer_AsJson()
    {
        var (code, stdout, _) = await BastionProcess.RunAsync("tools", "--json");
        code.ShouldBe(0);
        var tools = JsonDocument.Parse(stdout).RootElement.GetProperty("tools");
        // Read-only mode (the default): the read-only tools, and commands_run held to the read-only command set.
        tools.GetArrayLength().ShouldBe(25);
        tools.EnumerateArray().Where(t => t.GetProperty("name").GetString() != "commands_run")
            .ShouldAllBe(t => t.GetProperty("annotations").GetProperty("readOnlyHint").GetBoolean());
    }

    [Fact]
    public async Task Tools_ServesTheWritingTools_InOperatorMode()
    {
        var (code, stdout, _) = await BastionProcess.RunAsync("tools", "--json", "--mode", "operator");
        code.ShouldBe(0);
        JsonDocument.Parse(stdout).RootElement.GetProperty("tools").EnumerateArray().Select(t => t.GetProperty("name").GetString())
            .ShouldContain("files_upload");
        (code, _, var stderr) = await BastionProcess.RunAsync("tools", "--mode", "root");
        code.ShouldNotBe(0);
        stderr.ShouldContain("--mode 'root' is not a mode. Accepted: read-only, operator, admin.");
    }

    [Fact]
    public async Task Tools_Markdown_IsTheCommittedReference()
    {
        var (code, stdout, _) = await BastionProcess.RunAsync("tools", "--markdown");
        code.ShouldBe(0);
        stdout.ShouldBe(File.ReadAllText(Path.Combine(Repository.Root, "docs", "tools.md")));
    }
}
