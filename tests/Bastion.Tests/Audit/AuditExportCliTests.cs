using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Core.Audit.Shipping;

namespace Bastion.Tests.Audit;

/// <summary>
/// <c>bastion audit export</c> on the file log: a time range as JSON Lines byte for byte, or as OTLP JSON requests with
/// seq and hash; and <c>bastion doctor</c> reporting entries a shipping receiver never took.
/// </summary>
public sealed class AuditExportCliTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-export-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private string AuditDirectory => Path.Combine(_data, "audit");

    private async Task<List<string>> WriteAsync(int count, ShippingOptions? shipping = null, string? directory = null)
    {
        var clock = new SteppingClock(Start);
        using (var log = new AuditLog(new AuditOptions { Directory = directory ?? AuditDirectory, MaxFileBytes = 4096, MaxTotalBytes = null, Shipping = shipping }, clock))
        {
            for (var i = 1; i <= count; i++)
            {
                await log.AppendAsync(new AuditRecord("call", "alice", null, null, "hosts_list", null, [], "allowed", null, "ok", null, 1.5), CancellationToken.None);
                clock.Now += TimeSpan.FromMinutes(1);
            }
        }

        var lines = new List<string>();
        await foreach (var entry in AuditLog.ReadLinesAsync(AuditDirectory, CancellationToken.None))
        {
            lines.Add(entry.Line);
        }

        return lines;
    }

    [Fact]
    public async Task Export_WritesTheTimeRange_AsTheLogsLines_AcrossRotatedFiles()
    {
        var lines = await WriteAsync(40);
        Directory.GetFiles(AuditDirectory, "audit-*.jsonl*").ShouldNotBeEmpty("the range spans rotated files");

        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "audit", "export", "--since", "2026-11-01T00:10:00Z", "--until", "2026-11-01T00:30:00Z");

        code.ShouldBe(0, stderr);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldBe(lines.Skip(10).Take(20));
    }

    [Fact]
    public async Task Export_AsOtlp_WritesLogRecordsWithSeqAndHash()
    {
        var lines = await WriteAsync(300);

        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "audit", "export", "--format", "otlp");

        code.ShouldBe(0, stderr);
        var requests = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        requests.Length.ShouldBe(2, "256 records a request");
        var records = requests.SelectMany(r => JsonDocument.Parse(r).RootElement.GetProperty("resourceLogs")[0].GetProperty("scopeLogs")[0].GetProperty("logRecords").EnumerateArray().ToList()).ToList();
        records.Select(r => r.GetProperty("body").GetProperty("stringValue").GetString()).ShouldBe(lines);
        records.Select(r => r.GetProperty("attributes")[0].GetProperty("value").GetProperty("intValue").GetString()).ShouldBe(Enumerable.Range(1, 300).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task Export_RefusesAnUnknownFormat()
    {
        var (code, _, stderr) = await BastionProcess.RunInAsync(_data, "audit", "export", "--format", "csv");
        code.ShouldNotBe(0);
        stderr.ShouldContain("csv");
    }

    [Fact]
    public async Task Doctor_ReportsEntriesAShippingReceiverNeverTook()
    {
        // Port 1 on loopback: nothing listens, so every send fails and a buffer of 2 drops the rest.
        await WriteAsync(20, new ShippingOptions { Syslog = new Uri("tcp://127.0.0.1:1"), BufferEntries = 2 });

        var (_, stdout, stderr) = await BastionProcess.RunInAsync(_data, "doctor", "--no-hosts", "--no-platforms");

        var output = stdout + stderr;
        output.ShouldContain("audit shipping");
        output.ShouldContain("syslog: 0 sent, 20 dropped", customMessage: "every entry is counted: the 18 the full buffer refused and the 2 still held at shutdown");
    }

    [Fact]
    public async Task Doctor_ReportsTheShippingOfEachTenantsLog()
    {
        await WriteAsync(3);
        await WriteAsync(5, new ShippingOptions { Otlp = new Uri("http://127.0.0.1:1/v1/logs"), BufferEntries = 2 }, Path.Combine(_data, "tenants", "acme", "audit"));

        var (_, stdout, stderr) = await BastionProcess.RunInAsync(_data, "doctor", "--no-hosts", "--no-platforms");

        var output = stdout + stderr;
        output.ShouldContain("tenant acme: otlp: 0 sent, 5 dropped");
    }

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
