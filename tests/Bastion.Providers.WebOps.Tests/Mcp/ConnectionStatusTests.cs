using Bastion.Fakes.WebOps;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>webops_status resource=connection through a real MCP client, as the other platforms' connection checks.</summary>
public sealed class ConnectionStatusTests
{
    [Fact]
    public async Task Status_IsReachable_WithTheStoredLogin()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake), mcp: true, mode: Core.Policy.Mode.ReadOnly);

        var status = Ok(await bastion.Mcp.CallToolAsync("webops_status", new Dictionary<string, object?> { ["resource"] = "connection" })).GetProperty("connection");

        status.GetProperty("configured").GetBoolean().ShouldBeTrue();
        status.GetProperty("auth").GetString().ShouldBe("session");
        status.GetProperty("reachable").GetBoolean().ShouldBeTrue(status.ToString());
        status.GetProperty("deployments").GetInt32().ShouldBe(0);
        status.GetProperty("host").GetString().ShouldBe(new Uri(fake.Url).Authority);
    }

    [Fact]
    public async Task Status_SaysWhy_WhenTheLoginIsRefused()
    {
        await using var fake = await FakeWebOps.StartAsync();
        var vault = WebOpsHarness.SessionVault(fake);
        vault[WebOpsVault.Password] = "not-the-password-1234";
        await using var bastion = await WebOpsHarness.StartAsync(vault, mcp: true, mode: Core.Policy.Mode.ReadOnly);

        var status = Ok(await bastion.Mcp.CallToolAsync("webops_status", new Dictionary<string, object?> { ["resource"] = "connection" })).GetProperty("connection");

        status.GetProperty("reachable").GetBoolean().ShouldBeFalse();
        status.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        status.ToString().ShouldNotContain("not-the-password-1234");
    }
}
