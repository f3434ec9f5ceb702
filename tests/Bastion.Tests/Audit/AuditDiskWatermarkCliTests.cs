using System.Net;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Tests.Audit;

/// <summary>
/// The audit disk's watermarks against a real <c>bastion serve --http</c> whose data directory is a 4 MiB tmpfs, filled
/// with a ballast file under the low watermark (2 MiB: unready, warned and counted, calls still run), under the floor
/// (1 MiB: calls refused with the reason, counted) and freed again (ready, calls run).
/// </summary>
public sealed class AuditDiskWatermarkCliTests
{
    private const long MiB = 1024 * 1024;

    [RootFact]
    public async Task Serve_TurnsUnreadyThenRefusesCalls_AsTheAuditDiskFills_AndResumesWhenFreed()
    {
        await using var fs = await SmallTmpfs.MountAsync("4m");
        await using (var server = await HttpServeProcess.StartAsync(fs.Path, new Dictionary<string, string>
        {
            ["BASTION_AUDIT_DISK_LOW"] = "2M",
            ["BASTION_AUDIT_DISK_FLOOR"] = "1M",
        }))
        {
            using var http = new HttpClient { BaseAddress = server.BaseAddress };
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));

            (await http.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await CallAsync(client)).IsError.ShouldNotBe(true);

            fs.FillUntilFree(MiB + MiB / 2);
            var low = await http.GetAsync(new Uri("readyz", UriKind.Relative));
            low.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await low.Content.ReadAsStringAsync()).ShouldContain("under the low watermark of 2 MiB (BASTION_AUDIT_DISK_LOW=2097152)");
            (await CallAsync(client)).IsError.ShouldNotBe(true, "under the low watermark calls still run");
            var metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            metrics.ShouldContain("bastion_audit_disk_warnings_total{level=\"low\"} 1");
            metrics.ShouldContain("bastion_audit_disk_level 1");

            fs.FillUntilFree(MiB / 2);
            var floor = await http.GetAsync(new Uri("readyz", UriKind.Relative));
            floor.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await floor.Content.ReadAsStringAsync()).ShouldContain("under the floor of 1 MiB");
            var refused = await CallAsync(client);
            refused.IsError.ShouldBe(true);
            var text = string.Join("\n", refused.Content.OfType<TextContentBlock>().Select(t => t.Text));
            text.ShouldContain("Refused: the audit log cannot be written (disk space:");
            text.ShouldContain("under the floor of 1 MiB (BASTION_AUDIT_DISK_FLOOR=1048576)");
            metrics = await http.GetStringAsync(new Uri("metrics", UriKind.Relative));
            metrics.ShouldContain("bastion_audit_disk_warnings_total{level=\"floor\"} 1");
            metrics.ShouldContain("bastion_audit_disk_refusals_total 1");

            fs.RemoveBallast();
            (await http.GetAsync(new Uri("readyz", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
            (await CallAsync(client)).IsError.ShouldNotBe(true, "with space freed calls run again");
            server.Stderr.ShouldContain("Audit disk space low");
        }

        // Two calls ran and were recorded, the refused one was not; the chain verifies.
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(fs.Path, "audit", "verify");
        code.ShouldBe(0, stdout + stderr);
    }

    private static Task<CallToolResult> CallAsync(McpClient client) =>
        client.CallToolAsync("hosts_list", new Dictionary<string, object?>()).AsTask();
}
