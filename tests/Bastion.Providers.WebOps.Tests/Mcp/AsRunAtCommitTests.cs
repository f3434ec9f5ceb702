using Bastion.Fakes.WebOps;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Mcp;

/// <summary>
/// The control panel as it behaved when run at 06ba752 (<see cref="FakeWebOpsOptions.AsRunAtCommit"/>): stop and
/// restart fail on the server, a delete never completes, the process status route always fails, builds end in
/// <c>building</c> or <c>pending</c>. Each tool reports what WebOps did, through a real MCP client and the pipeline.
/// </summary>
public sealed class AsRunAtCommitTests : IAsyncLifetime
{
    private FakeWebOps _fake = null!;

    public async Task InitializeAsync() => _fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { AsRunAtCommit = true, BuildPolls = 2 });

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Theory]
    [InlineData("stop")]
    [InlineData("restart")]
    public async Task ServiceAction_ReportsWebOpsFailure_WhenItsViewAnswers500(string action)
    {
        SeedRunning("blog");
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);

        var result = await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["name"] = "blog", ["action"] = action });

        result.IsError.ShouldBe(true);
        var text = Text(result);
        text.ShouldContain("HTTP 500");
        text.ShouldContain($"/api/deployments/blog/{action}/");
        text.ShouldNotContain("paused");
        _fake.Count("POST", $"/api/deployments/blog/{action}/").ShouldBe(1, "the action was sent once, not refused locally after the status route failed");
        _fake.Read(s => s.Find(s.Options.Username, "blog")!.Status).ShouldBe("running");
    }

    [Fact]
    public async Task Delete_WaitEnds_WithTheDeploymentStillListed_AndSaysSo()
    {
        SeedRunning("old-site");
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);

        var deleted = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["action"] = "delete", ["name"] = "old-site", ["timeout_seconds"] = 5 })).GetProperty("delete");

        deleted.GetProperty("gone").GetBoolean().ShouldBeFalse();
        string.Join(' ', deleted.GetProperty("notes").EnumerateArray().Select(n => n.GetString())).ShouldContain("WebOps still lists old-site");
        _fake.Read(s => s.Find(s.Options.Username, "old-site")).ShouldNotBeNull();
    }

    [Fact]
    public async Task Deploy_ThatWebOpsPutsBackToPending_IsReportedAsNotDeployed()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);

        var deployed = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["action"] = "deploy", ["name"] = "shop", ["repository"] = "https://git.example.org/me/shop.git" })).GetProperty("deploy");

        deployed.GetProperty("outcome").GetString().ShouldBe("pending");
        deployed.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("pending");
        string.Join(' ', deployed.GetProperty("notes").EnumerateArray().Select(n => n.GetString())).ShouldContain("The app is not deployed");
    }

    [Fact]
    public async Task Deploy_WhoseInstallFails_StaysBuilding_AndPointsAtTheErrors()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);

        var deployed = Ok(await ConfirmedAsync(bastion.Mcp, "webops_deployment_control", new() { ["action"] = "deploy", ["name"] = "api", ["repository"] = "https://git.example.org/me/broken-api.git", ["timeout_seconds"] = 10 })).GetProperty("deploy");

        deployed.GetProperty("outcome").GetString().ShouldBe("in_progress");
        deployed.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("building");
        var notes = string.Join(' ', deployed.GetProperty("notes").EnumerateArray().Select(n => n.GetString()));
        notes.ShouldContain("1 error entry");
        deployed.GetProperty("recent_logs").EnumerateArray().ShouldContain(l => l.GetProperty("level").GetString() == "error");
    }

    [Fact]
    public async Task FailedDeployment_IsRevivedByATaskRetry_AsTheStatusToolShows()
    {
        _fake.Mutate(s => s.Create(s.Options.Username, "cron", "https://git.example.org/me/cron.git", "main", string.Empty, [], "failed"));
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), mcp: true);

        var first = Ok(await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "status", ["name"] = "cron" })).GetProperty("status");
        var second = Ok(await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "status", ["name"] = "cron" })).GetProperty("status");

        first.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("failed");
        second.GetProperty("deployment").GetProperty("status").GetString().ShouldBe("building");
    }

    private void SeedRunning(string name) =>
        _fake.Mutate(s => s.Create(s.Options.Username, name, $"https://git.example.org/me/{name}.git", "main", string.Empty, [], "running"));
}
