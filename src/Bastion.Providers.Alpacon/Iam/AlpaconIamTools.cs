using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Answers;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>Reading Alpacon's identities: IAM users and groups (sources <c>/api/iam/users/</c>, <c>/api/iam/groups/</c>).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconIamTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_iam_users_list", Title = "Alpacon IAM users", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the IAM users of an Alpacon workspace (the people and accounts that may use Alpacon; OS accounts of a server are users_list): username, e-mail, names, active, group count. Use it to find a user's id before showing or changing it.")]
    public async Task<AlpaconIamUserList> UsersAsync(
        [Description(AlpaconText.Workspace)][MaxLength(63)] string? workspace = null,
        [Description("Only users matching this text (Alpacon's search over username, names, e-mail).")][MaxLength(200)] string? search = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var list = await client.ListAsync("api/iam/users/", [new("search", search)], limit, cancellationToken);
        return new AlpaconIamUserList(client.Workspace.Name, list.Total, list.Truncated, list.Items.Select(AlpaconIamUser.From).ToList(), ListNotes.Of(list, "users"));
    }

    [McpServerTool(Name = "alpacon_iam_user_get", Title = "Show an Alpacon IAM user", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show one IAM user of an Alpacon workspace by id: username, e-mail, names, whether active, group count.")]
    public async Task<AlpaconIamUser> UserAsync(
        [Description("The user's id (from alpacon_iam_users_list).")][MinLength(1)][MaxLength(100)] string id,
        [Description(AlpaconText.Workspace)][MaxLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default) =>
        AlpaconIamUser.From(await targets.Workspace(workspace).GetAsync($"api/iam/users/{Uri.EscapeDataString(id)}/", null, cancellationToken));

    [McpServerTool(Name = "alpacon_iam_groups_list", Title = "Alpacon IAM groups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the IAM groups of an Alpacon workspace (who may reach which servers; OS groups of a server are groups_list): name, display name, member count.")]
    public async Task<AlpaconIamGroupList> GroupsAsync(
        [Description(AlpaconText.Workspace)][MaxLength(63)] string? workspace = null,
        [Description("Only groups matching this text (Alpacon's search).")][MaxLength(200)] string? search = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var client = targets.Workspace(workspace);
        var list = await client.ListAsync("api/iam/groups/", [new("search", search)], limit, cancellationToken);
        return new AlpaconIamGroupList(client.Workspace.Name, list.Total, list.Truncated, list.Items.Select(AlpaconIamGroup.From).ToList(), ListNotes.Of(list, "groups"));
    }

    [McpServerTool(Name = "alpacon_iam_group_get", Title = "Show an Alpacon IAM group", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show one IAM group of an Alpacon workspace by id: name, description, members and servers when Alpacon lists them.")]
    public async Task<AlpaconIamGroup> GroupAsync(
        [Description("The group's id (from alpacon_iam_groups_list).")][MinLength(1)][MaxLength(100)] string id,
        [Description(AlpaconText.Workspace)][MaxLength(63)] string? workspace = null,
        CancellationToken cancellationToken = default) =>
        AlpaconIamGroup.From(await targets.Workspace(workspace).GetAsync($"api/iam/groups/{Uri.EscapeDataString(id)}/", null, cancellationToken));
}
