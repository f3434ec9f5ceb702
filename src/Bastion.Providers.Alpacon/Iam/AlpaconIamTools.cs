using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>
/// Changes to Alpacon's identities, IAM users and groups (<c>/api/iam/users/</c>, <c>/api/iam/groups/</c>). Who may reach
/// servers is a security decision, so every change needs the admin scope; creating only adds and runs without
/// confirmation, updates and deletions are confirmed. Reading them is alpacon_list (resource iam_users, iam_groups).
/// </summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.Admin)]
internal sealed class AlpaconIamTools(AlpaconTargets targets)
{
    private const string Users = "api/iam/users/";
    private const string Groups = "api/iam/groups/";

    private static readonly IamAction[] Writing = [IamAction.Create, IamAction.Update];

    /// <summary>Which resource takes each field (users and groups have their own).</summary>
    internal static readonly ParameterUse<IamResource> ResourceUse = new(
        "resource",
        ("email", [IamResource.User]),
        ("first_name", [IamResource.User]),
        ("last_name", [IamResource.User]),
        ("is_active", [IamResource.User]),
        ("display_name", [IamResource.Group]),
        ("description", [IamResource.Group]));

    /// <summary>Which action takes and needs each optional parameter (a login or group name does not change, so only create takes name).</summary>
    internal static readonly ParameterUse<IamAction> ActionUse = new ParameterUse<IamAction>(
        "action",
        ("id", [IamAction.Update, IamAction.Delete]),
        ("name", [IamAction.Create]),
        ("email", Writing),
        ("first_name", Writing),
        ("last_name", Writing),
        ("is_active", Writing),
        ("display_name", Writing),
        ("description", Writing))
        .Needs("id", [IamAction.Update, IamAction.Delete], "the user's or group's id (alpacon_list resource=iam_users or iam_groups)")
        .Needs("name", [IamAction.Create], "a user's login name or a group's name");

    [IamChangeCheck]
    [McpServerTool(Name = "alpacon_iam_change", Title = "Change Alpacon IAM", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Create, update or delete an Alpacon IAM user or group. Returns it.")]
    public async Task<AlpaconIamChange> ChangeAsync(
        [Description("What to change.")] IamResource resource,
        [Description("update, delete need id.")] IamAction action,
        [Description("update, delete.")][StringLength(200)] string? id = null,
        [Description(AlpaconText.Workspace)][StringLength(200)] string? workspace = null,
        [Description("user; create needs it.")][StringLength(254)] string? email = null,
        [Description("user.")][StringLength(200)] string? first_name = null,
        [Description("user.")][StringLength(200)] string? last_name = null,
        [Description("user; false ends access.")] bool? is_active = null,
        [Description("create: user's login or group's name.")][StringLength(200)] string? name = null,
        [Description("group.")][StringLength(200)] string? display_name = null,
        [Description("group.")][StringLength(2000)] string? description = null,
        CancellationToken cancellationToken = default)
    {
        var noun = resource == IamResource.User ? "user" : "group";
        (string, object?)[] fields = [("email", email), ("first_name", first_name), ("last_name", last_name), ("is_active", is_active), ("display_name", display_name), ("description", description)];
        ResourceUse.Check(resource, fields);
        ActionUse.Check(action, [("id", id), ("name", name), .. fields]);
        CheckFields(resource, action, !string.IsNullOrWhiteSpace(email), fields.Any(f => f.Item2 is not null));
        var client = targets.Workspace(workspace);
        var body = new Dictionary<string, object>();
        Put(body, resource == IamResource.User ? "username" : "name", name);
        Put(body, "email", email);
        Put(body, "first_name", first_name);
        Put(body, "last_name", last_name);
        Put(body, "is_active", is_active);
        Put(body, "display_name", display_name);
        Put(body, "description", description);
        var path = resource == IamResource.User ? Users : Groups;
        switch (action)
        {
            case IamAction.Create:
                if (resource == IamResource.User)
                {
                    body["is_active"] = is_active ?? true;
                    var user = AlpaconIamUser.From(await client.PostAsync(Users, body, cancellationToken));
                    return new AlpaconIamChange(client.Workspace.Name, $"IAM user '{name}' created (id {user.Id}).", user, null);
                }

                var group = AlpaconIamGroup.From(await client.PostAsync(Groups, body, cancellationToken));
                return new AlpaconIamChange(client.Workspace.Name, $"IAM group '{name}' created (id {group.Id}).", null, group);
            case IamAction.Update:
            {
                var key = ActionUse.Need(action, "id", id);
                var changed = await client.PatchAsync($"{path}{Uri.EscapeDataString(key)}/", body, cancellationToken);
                var message = $"IAM {noun} {key} changed: {string.Join(", ", body.Keys)}.";
                return resource == IamResource.User
                    ? new AlpaconIamChange(client.Workspace.Name, message, AlpaconIamUser.From(changed), null)
                    : new AlpaconIamChange(client.Workspace.Name, message, null, AlpaconIamGroup.From(changed));
            }

            default:
            {
                var key = ActionUse.Need(action, "id", id);
                await client.DeleteAsync($"{path}{Uri.EscapeDataString(key)}/", cancellationToken);
                return new AlpaconIamChange(client.Workspace.Name, $"IAM {noun} {key} deleted.", null, null);
            }
        }
    }

    /// <summary>
    /// What the tables cannot say: creating a user needs email, and an update needs something to change. Checked before
    /// anyone is asked (<see cref="IamChangeCheckAttribute"/>) and again here.
    /// </summary>
    /// <exception cref="BastionException">Either is missing.</exception>
    internal static void CheckFields(IamResource resource, IamAction action, bool emailGiven, bool anyFieldGiven)
    {
        if (resource == IamResource.User && action == IamAction.Create && !emailGiven)
        {
            throw new BastionException("action 'create' needs email: a user's e-mail address.");
        }

        if (action == IamAction.Update && !anyFieldGiven)
        {
            throw new BastionException(resource == IamResource.User
                ? "Nothing to change: give at least one of email, first_name, last_name, is_active."
                : "Nothing to change: give at least one of display_name, description.");
        }
    }

    private static void Put(Dictionary<string, object> body, string key, object? value)
    {
        if (value is not null)
        {
            body[key] = value;
        }
    }
}
