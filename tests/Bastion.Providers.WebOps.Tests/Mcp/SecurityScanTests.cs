using Bastion.Fakes.WebOps;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>webops_security_scan through a real MCP client: its <c>target</c> names a WebOps target, not hosts.</summary>
public sealed class SecurityScanTests
{
    [Fact]
    public async Task SecurityScan_WithItsDefaultTarget_IsNotRefused_AndReachesWebOps()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake), mcp: true);

        var scan = Ok(await bastion.Mcp.CallToolAsync("webops_security_scan", new Dictionary<string, object?>()));

        scan.GetProperty("target").GetString().ShouldBe("system");
        fake.Count("POST", "/compliance/api/scan-now/").ShouldBe(1);
    }
}
