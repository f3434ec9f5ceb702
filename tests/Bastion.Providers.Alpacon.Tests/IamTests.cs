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
        var created = await harness.CallAsync("alpacon_iam_change", new() { ["resource"] = "user", ["action"] = "create", ["name"] = "lee", ["email"] = "lee@example.com", ["first_name"] = "Jae" });
        var id = created.GetProperty("user").GetProperty("id").GetString()!;
        created.GetProperty("user").GetProperty("is_active").GetBoolean().ShouldBeTrue();

        var update = new Dictionary<string, object?> { ["resource"] = "user", ["action"] = "update", ["id"] = id, ["is_active"] = false };
        var plan = await harness.ErrorAsync("alpacon_iam_change", update);
        plan.ShouldStartWith("Confirmation required");
        First(await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_users", ["id"] = id }), "users").GetProperty("is_active").GetBoolean().ShouldBeTrue();
        update["confirm"] = Handle(plan);
        var updated = await harness.CallAsync("alpacon_iam_change", update);
        updated.GetProperty("user").GetProperty("is_active").GetBoolean().ShouldBeFalse();

        var delete = new Dictionary<string, object?> { ["resource"] = "user", ["action"] = "delete", ["id"] = id };
        delete["confirm"] = Handle(await harness.ErrorAsync("alpacon_iam_change", delete));
        await harness.CallAsync("alpacon_iam_change", delete);
        (await harness.ErrorAsync("alpacon_list", new() { ["resource"] = "iam_users", ["id"] = id })).ShouldContain("not found");

        var users = await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_users" });
        users.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("username").GetString()).ShouldBe(["kim"]);
    }

    [Fact]
    public async Task Groups_CreateChangeDelete_AndDuplicateNamesAreRefused()
    {
        await using var harness = await AlpaconHarness.StartAsync(mode: Mode.Admin);
        var created = await harness.CallAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "create", ["name"] = "dba", ["display_name"] = "Databases" });
        var id = created.GetProperty("group").GetProperty("id").GetString()!;
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "create", ["name"] = "dba" })).ShouldContain("already exists");
        var changed = await harness.CallAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "update", ["id"] = id, ["description"] = "database on-call" });
        changed.GetProperty("group").GetProperty("description").GetString().ShouldBe("database on-call");
        var groups = await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_groups", ["search"] = "dba" });
        groups.GetProperty("groups").GetArrayLength().ShouldBe(1);
        var ops = First(await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_groups", ["id"] = "00000000-0000-4000-8000-0000000000a1" }), "groups");
        ops.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ShouldBe(["kim"]);
        await harness.CallAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "delete", ["id"] = id });
        (await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_groups" })).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Writes_NeedTheAdminScope()
    {
        await using var harness = await AlpaconHarness.StartAsync(mode: Mode.Operator);
        var error = await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "user", ["action"] = "create", ["name"] = "x", ["email"] = "x@example.com" });
        error.ShouldContain("needs the scope 'admin'");
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "delete", ["id"] = "00000000-0000-4000-8000-0000000000a1" }))
            .ShouldContain("needs the scope 'admin'");
        (await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_users" })).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Change_ChecksEachParameterAgainstTheResourceAndAction_BeforeAnyoneIsAsked()
    {
        var asked = new List<string>();
        await using var harness = await AlpaconHarness.StartAsync(mode: Mode.Admin, asked: asked);
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "user", ["action"] = "create", ["name"] = "x" }))
            .ShouldContain("action 'create' needs email: a user's e-mail address.");
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "create", ["name"] = "x", ["email"] = "x@example.com" }))
            .ShouldContain("resource 'group' does not take email; only user does. Leave it out.");
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "user", ["action"] = "update", ["id"] = "u" }))
            .ShouldContain("Nothing to change");
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "delete", ["id"] = "g", ["description"] = "x" }))
            .ShouldContain("action 'delete' does not take description; only create, update do. Leave it out.");
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "update", ["description"] = "x" }))
            .ShouldContain("action 'update' needs id: ");
        (await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "user", ["action"] = "update", ["id"] = "u", ["name"] = "y" }))
            .ShouldContain("action 'update' does not take name; only create does.");
        asked.ShouldBeEmpty("arguments the tool would refuse are refused before anyone is asked");
        (await harness.CallAsync("alpacon_list", new() { ["resource"] = "iam_groups" })).GetProperty("total").GetInt32().ShouldBe(1);

        // A well-formed delete is asked (and approved here) before it runs.
        await harness.ErrorAsync("alpacon_iam_change", new() { ["resource"] = "group", ["action"] = "delete", ["id"] = "no-such-group" });
        asked.Count.ShouldBe(1);
    }

    private static JsonElement First(JsonElement listing, string list)
    {
        listing.GetProperty("total").GetInt32().ShouldBe(1);
        return listing.GetProperty(list).EnumerateArray().Single();
    }

    private static string Handle(string plan) =>
        JsonDocument.Parse(plan[(plan.IndexOf('\n', StringComparison.Ordinal) + 1)..]).RootElement.GetProperty("confirmation").GetString()!;
}
