using Bastion.Fakes.WebOps;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>webops_deployment_control action=scan through a real MCP client: its <c>name</c> names a WebOps target, not hosts, and it runs without confirmation as the scan tool did.</summary>
public sealed class SecurityScanTests
{
    [Fact]
    public async Task SecurityScan_OfTheSystem_IsNotConfirmedNorRefused_AndReachesWebOps()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake), mcp: true);

        var scan = Ok(await bastion.Mcp.CallToolAsync("webops_deployment_control", new Dictionary<string, object?> { ["action"] = "scan", ["name"] = "system" })).GetProperty("scan");

        scan.GetProperty("target").GetString().ShouldBe("system");
        fake.Count("POST", "/compliance/api/scan-now/").ShouldBe(1);
    }
}
