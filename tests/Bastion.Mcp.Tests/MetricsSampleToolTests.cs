using System.Text.Json;
using Bastion.Mcp.Pipeline;
using ModelContextProtocol.Client;

namespace Bastion.Mcp.Tests;

/// <summary>metrics_sample through a real MCP client: disk I/O, and the virtual devices it leaves out or lists.</summary>
public class MetricsSampleToolTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private async Task<JsonElement> SampleAsync(bool includeVirtual)
    {
        var tool = (await server.Client.ListToolsAsync()).Single(t => t.Name == "metrics_sample");
        var result = await server.Client.CallToolAsync("metrics_sample", new Dictionary<string, object?> { ["seconds"] = 0.2, ["include_virtual"] = includeVirtual });
        result.IsError.ShouldNotBe(true);
        var structured = result.StructuredContent.ShouldNotBeNull();
        JsonSchemaValidator.Validate(structured, tool.ProtocolTool.OutputSchema!.Value).ShouldBeEmpty();
        return structured.GetProperty("hosts").EnumerateArray().Single().GetProperty("result");
    }

    private static List<string> Interfaces(JsonElement sample) =>
        sample.GetProperty("network").EnumerateArray().Select(n => n.GetProperty("interface").GetString()!).ToList();

    [Fact]
    public async Task MetricsSample_ReportsDiskIo_AndLeavesOutLoopback_ByDefault()
    {
        var sample = await SampleAsync(includeVirtual: false);
        Interfaces(sample).ShouldNotContain("lo");
        sample.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ShouldContain(n => System.Text.RegularExpressions.Regex.IsMatch(n!, @"^Left out .*virtual interfaces? \((.*, )?lo[,)]"));
        var devices = DiskStats();
        var io = sample.GetProperty("disk_io").EnumerateArray().ToList();
        io.Select(d => d.GetProperty("device").GetString()).ShouldBeSubsetOf(devices);
        io.Count.ShouldBe(devices.Count, "every whole device with I/O since boot is listed");
        foreach (var d in io)
        {
            d.GetProperty("util_percent").GetDouble().ShouldBeInRange(0, 100);
            d.GetProperty("await_ms").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
            d.GetProperty("read_bytes_per_second").GetDouble().ShouldBeGreaterThanOrEqualTo(0);
        }
    }

    [Fact]
    public async Task MetricsSample_ListsLoopback_WithIncludeVirtual()
    {
        var sample = await SampleAsync(includeVirtual: true);
        Interfaces(sample).ShouldContain("lo");
        sample.GetProperty("notes").EnumerateArray().ShouldNotContain(n => n.GetString()!.StartsWith("Left out ", StringComparison.Ordinal));
    }

    // Whole devices that did any I/O, read the way the kernel documents /proc/diskstats: no loop or ram devices,
    // no partition of a listed device.
    private static List<string> DiskStats()
    {
        var rows = File.ReadAllLines("/proc/diskstats").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => !f[2].StartsWith("loop", StringComparison.Ordinal) && !f[2].StartsWith("ram", StringComparison.Ordinal) && (f[3] != "0" || f[7] != "0"))
            .Select(f => f[2]).ToList();
        return rows.Where(r => !rows.Any(o => o.Length < r.Length && r.StartsWith(o, StringComparison.Ordinal) && char.IsAsciiDigit(r[^1]))).ToList();
    }
}
