using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>Alpacon's identities: IAM users and groups (<c>/api/iam/users/</c>, <c>/api/iam/groups/</c>). Reading needs platform:read; who may reach servers is a security decision, so changes need the admin scope, and updates and deletions are destructive and ask for confirmation.</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconIamTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_iam_users_list", Title = "Alpacon IAM users", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("IAM users of an Alpacon workspace (people using Alpacon; OS accounts are users_list): id, username, e-mail, names, active, group count.")]
    public async Task<AlpaconIamUserList> UsersAsync(
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Only users matching this text (Alpacon's search over username, names, e-mail).")][StringLength(200)] string? search = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var list = await client.ListAsync("api/iam/users/", [new("search", search)], limit, cancellationToken);
        return new AlpaconIamUserList(client.Workspace.Name, list.Total, list.Truncated, list.Items.Select(AlpaconIamUser.From).ToList(), list.CutNotes("users"));
    }

    [McpServerTool(Name = "alpacon_iam_user_get", Title = "Show an Alpacon IAM user", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One IAM user of an Alpacon workspace by id.")]
    public async Task<AlpaconIamUser> UserAsync(
        [Description("User id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default) =>
        AlpaconIamUser.From(await targets.Workspace(workspace).GetAsync($"api/iam/users/{Uri.EscapeDataString(id)}/", null, cancellationToken));

    [McpServerTool(Name = "alpacon_iam_groups_list", Title = "Alpacon IAM groups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("IAM groups of an Alpacon workspace (who may reach which servers): id, name, display name, member count.")]
    public async Task<AlpaconIamGroupList> GroupsAsync(
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Only groups matching this text (Alpacon's search).")][StringLength(200)] string? search = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var list = await client.ListAsync("api/iam/groups/", [new("search", search)], limit, cancellationToken);
        return new AlpaconIamGroupList(client.Workspace.Name, list.Total, list.Truncated, list.Items.Select(AlpaconIamGroup.From).ToList(), list.CutNotes("groups"));
    }

    [McpServerTool(Name = "alpacon_iam_group_get", Title = "Show an Alpacon IAM group", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One IAM group by id: name, description, members and servers when Alpacon lists them.")]
    public async Task<AlpaconIamGroup> GroupAsync(
        [Description("Group id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default) =>
        AlpaconIamGroup.From(await targets.Workspace(workspace).GetAsync($"api/iam/groups/{Uri.EscapeDataString(id)}/", null, cancellationToken));

    private const string Users = "api/iam/users/";
    private const string Groups = "api/iam/groups/";

    [Toolset("alpacon", Scopes.Admin)]
    [McpServerTool(Name = "alpacon_iam_user_create", Title = "Create an Alpacon IAM user", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create an IAM user (username, e-mail; active by default). Returns it with its id.")]
    public async Task<AlpaconIamChange> CreateUserAsync(
        [Description("Login name.")][StringLength(150, MinimumLength = 1)] string username,
        [Description("E-mail address.")][StringLength(254, MinimumLength = 3)] string email,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("First name.")][StringLength(150)] string? first_name = null,
        [Description("Last name.")][StringLength(150)] string? last_name = null,
        [Description("Whether the account is enabled.")] bool is_active = true,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var body = new Dictionary<string, object> { ["username"] = username, ["email"] = email, ["is_active"] = is_active };
        Put(body, "first_name", first_name);
        Put(body, "last_name", last_name);
        var user = AlpaconIamUser.From(await client.PostAsync(Users, body, cancellationToken));
        return new AlpaconIamChange(client.Workspace.Name, $"IAM user '{username}' created (id {user.Id}).", user, null);
    }

    [Toolset("alpacon", Scopes.Admin)]
    [McpServerTool(Name = "alpacon_iam_user_update", Title = "Change an Alpacon IAM user", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change the given fields of an IAM user; is_active=false ends its access but keeps it. Returns the user.")]
    public async Task<AlpaconIamChange> UpdateUserAsync(
        [Description("User id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("New e-mail address.")][StringLength(254)] string? email = null,
        [Description("New first name.")][StringLength(150)] string? first_name = null,
        [Description("New last name.")][StringLength(150)] string? last_name = null,
        [Description("Enable (true) or disable (false) the account.")] bool? is_active = null,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var body = new Dictionary<string, object>();
        Put(body, "email", email);
        Put(body, "first_name", first_name);
        Put(body, "last_name", last_name);
        Put(body, "is_active", is_active);
        Require(body, "email, first_name, last_name, is_active");
        var user = AlpaconIamUser.From(await client.PatchAsync($"{Users}{Uri.EscapeDataString(id)}/", body, cancellationToken));
        return new AlpaconIamChange(client.Workspace.Name, $"IAM user {id} changed: {string.Join(", ", body.Keys)}.", user, null);
    }

    [Toolset("alpacon", Scopes.Admin)]
    [McpServerTool(Name = "alpacon_iam_user_delete", Title = "Delete an Alpacon IAM user", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Delete an IAM user for good; to suspend, update is_active=false.")]
    public async Task<AlpaconIamChange> DeleteUserAsync(
        [Description("User id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        await client.DeleteAsync($"{Users}{Uri.EscapeDataString(id)}/", cancellationToken);
        return new AlpaconIamChange(client.Workspace.Name, $"IAM user {id} deleted.", null, null);
    }

    [Toolset("alpacon", Scopes.Admin)]
    [McpServerTool(Name = "alpacon_iam_group_create", Title = "Create an Alpacon IAM group", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create an IAM group. Returns it with its id.")]
    public async Task<AlpaconIamChange> CreateGroupAsync(
        [Description("Group name.")][StringLength(150, MinimumLength = 1)] string name,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("Display name.")][StringLength(150)] string? display_name = null,
        [Description("What the group is for.")][StringLength(2000)] string? description = null,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var body = new Dictionary<string, object> { ["name"] = name };
        Put(body, "display_name", display_name);
        Put(body, "description", description);
        var group = AlpaconIamGroup.From(await client.PostAsync(Groups, body, cancellationToken));
        return new AlpaconIamChange(client.Workspace.Name, $"IAM group '{name}' created (id {group.Id}).", null, group);
    }

    [Toolset("alpacon", Scopes.Admin)]
    [McpServerTool(Name = "alpacon_iam_group_update", Title = "Change an Alpacon IAM group", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Change the given fields of an IAM group. Returns the group.")]
    public async Task<AlpaconIamChange> UpdateGroupAsync(
        [Description("Group id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        [Description("New display name.")][StringLength(150)] string? display_name = null,
        [Description("New description.")][StringLength(2000)] string? description = null,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var body = new Dictionary<string, object>();
        Put(body, "display_name", display_name);
        Put(body, "description", description);
        Require(body, "display_name, description");
        var group = AlpaconIamGroup.From(await client.PatchAsync($"{Groups}{Uri.EscapeDataString(id)}/", body, cancellationToken));
        return new AlpaconIamChange(client.Workspace.Name, $"IAM group {id} changed: {string.Join(", ", body.Keys)}.", null, group);
    }

    [Toolset("alpacon", Scopes.Admin)]
    [McpServerTool(Name = "alpacon_iam_group_delete", Title = "Delete an Alpacon IAM group", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Delete an IAM group for good: members lose the access it gave.")]
    public async Task<AlpaconIamChange> DeleteGroupAsync(
        [Description("Group id.")][StringLength(100, MinimumLength = 1)] string id,
        [Description(AlpaconText.Workspace)][StringLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        await client.DeleteAsync($"{Groups}{Uri.EscapeDataString(id)}/", cancellationToken);
        return new AlpaconIamChange(client.Workspace.Name, $"IAM group {id} deleted.", null, null);
    }

    private static void Put(Dictionary<string, object> body, string key, object? value)
    {
        if (value is not null)
        {
            body[key] = value;
        }
    }

    private static void Require(Dictionary<string, object> body, string fields)
    {
        if (body.Count == 0)
        {
            throw new BastionException($"Nothing to change: give at least one of {fields}.");
        }
    }
}
