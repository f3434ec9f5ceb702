using Bastion.Core.Policy;
using static Bastion.Providers.WebOps.Tests.Mcp.ToolResults;

namespace Bastion.Providers.WebOps.Tests.Live;

/// <summary>
/// Read-only checks against a real WebOps (opt-in; see <see cref="LiveFactAttribute"/>). They call only the read tools,
/// in read-only mode, so nothing on the platform changes.
/// </summary>
public sealed class LiveWebOpsTests
{
    [LiveFact]
    public async Task TheReadTools_AnswerFromARealWebOps()
    {
        await using var bastion = await WebOpsHarness.StartAsync(LiveWebOps.Vault()!, mcp: true, mode: Mode.ReadOnly, options: new WebOpsOptions());

        var list = Ok(await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "list", ["limit"] = 5 })).GetProperty("list");
        list.GetProperty("total").GetInt32().ShouldBeGreaterThanOrEqualTo(0);
        if (list.GetProperty("deployments").EnumerateArray().FirstOrDefault() is { ValueKind: System.Text.Json.JsonValueKind.Object } first)
        {
            var name = first.GetProperty("name").GetString();
            Ok(await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "status", ["name"] = name }))
                .GetProperty("status").GetProperty("deployment").GetProperty("name").GetString().ShouldBe(name);
            Ok(await bastion.Mcp.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "logs", ["name"] = name, ["limit"] = 5 })).GetProperty("logs");
        }

        var health = await bastion.Mcp.CallToolAsync("webops_status", new Dictionary<string, object?> { ["resource"] = "health", ["history_hours"] = 1 });
        health.IsError.ShouldNotBe(true, Text(health));
    }

    [LiveFact]
    public async Task ABogusToken_IsNotAuthenticated_NeverData()
    {
        // Only GETs: WebOps either redirects to its login page (session-only views) or refuses the token (401).
        var vault = new Dictionary<string, string> { ["webops/url"] = LiveWebOps.Vault()!["webops/url"], ["webops/token"] = "bastion-live-bogus-" + Guid.NewGuid().ToString("N") };
        await using var bastion = await WebOpsHarness.StartAsync(vault, options: new WebOpsOptions());

        var error = await Should.ThrowAsync<PlatformException>(() => bastion.Client.ListPageAsync(1, 1, null, CancellationToken.None));
        error.Message.ShouldContain("not authenticated");
    }
}
