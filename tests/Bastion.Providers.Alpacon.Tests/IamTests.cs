using System.Text.Json;
using Bastion.Core.Policy;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>Alpacon IAM through a real MCP client: reads, scope-guarded writes, and confirmation of the destructive ones.</summary>
public sealed class IamTests
{
    [Fact]
    public async Task Users_CreateUpdateDelete_WithAConfirmedPlanForEachDestructiveCall()
    {
        await using var harness = await AlpaconHarness.StartAsync(mode: Mode.Admin, elicitation: false);
        var created = await harness.CallAsync("alpacon_iam_user_create", new() { ["username"] = "lee", ["email"] = "lee@example.com", ["first_name"] = "Jae" });
        var id = created.GetProperty("user").GetProperty("id").GetString()!;
        created.GetProperty("user").GetProperty("is_active").GetBoolean().ShouldBeTrue();

        var update = new Dictionary<string, object?> { ["id"] = id, ["is_active"] = false };
        var plan = await harness.ErrorAsync("alpacon_iam_user_update", update);
        plan.ShouldStartWith("Confirmation required");
        (await harness.CallAsync("alpacon_iam_user_get", new() { ["id"] = id })).GetProperty("is_active").GetBoolean().ShouldBeTrue();
        update["confirm"] = Handle(plan);
        var updated = await harness.CallAsync("alpacon_iam_user_update", update);
        updated.GetProperty("user").GetProperty("is_active").GetBoolean().ShouldBeFalse();

        var delete = new Dictionary<string, object?> { ["id"] = id };
        delete["confirm"] = Handle(await harness.ErrorAsync("alpacon_iam_user_delete", delete));
        await harness.CallAsync("alpacon_iam_user_delete", delete);
        (await harness.ErrorAsync("alpacon_iam_user_get", new() { ["id"] = id })).ShouldContain("not found");

        var users = await harness.CallAsync("alpacon_iam_users_list", new());
        users.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ShouldBe(["kim"]);
    }

    [Fact]
    public async Task Groups_CreateChangeDelete_AndDuplicateNamesAreRefused()
    {
        await using var harness = await AlpaconHarness.StartAsync(mode: Mode.Admin);
        var created = await harness.CallAsync("alpacon_iam_group_create", new() { ["name"] = "dba", ["display_name"] = "Databases" });
        var id = created.GetProperty("group").GetProperty("id").GetString()!;
        (await harness.ErrorAsync("alpacon_iam_group_create", new() { ["name"] = "dba" })).ShouldContain("already exists");
        var changed = await harness.CallAsync("alpacon_iam_group_update", new() { ["id"] = id, ["description"] = "database on-call" });
        changed.GetProperty("group").GetProperty("description").GetString().ShouldBe("database on-call");
        var groups = await harness.CallAsync("alpacon_iam_groups_list", new() { ["search"] = "dba" });
        groups.GetProperty("groups").GetArrayLength().ShouldBe(1);
        var ops = await harness.CallAsync("alpacon_iam_group_get", new() { ["id"] = "00000000-0000-4000-8000-0000000000a1" });
        ops.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ShouldBe(["kim"]);
        await harness.CallAsync("alpacon_iam_group_delete", new() { ["id"] = id });
        (await harness.CallAsync("alpacon_iam_groups_list", new())).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Writes_NeedTheAdminScope()
    {
        await using var harness = await AlpaconHarness.StartAsync(mode: Mode.Operator);
        var error = await harness.ErrorAsync("alpacon_iam_user_create", new() { ["username"] = "x", ["email"] = "x@example.com" });
        error.ShouldContain("needs the scope 'admin'");
        (await harness.CallAsync("alpacon_iam_users_list", new())).GetProperty("total").GetInt32().ShouldBe(1);
    }

    private static string Handle(string plan) =>
        JsonDocument.Parse(plan[(plan.IndexOf('\n', StringComparison.Ordinal) + 1)..]).RootElement.GetProperty("confirmation").GetString()!;
}
