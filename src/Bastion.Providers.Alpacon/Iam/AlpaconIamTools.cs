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

    [AdditiveActions("create")]
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
        var verb = action.ToString().ToLowerInvariant();
        var noun = resource == IamResource.User ? "user" : "group";
        var choice = $"action '{verb}' on a {noun}";
        var client = targets.Workspace(workspace);
        if (resource == IamResource.User)
        {
            const string groupFields = "groups (resource=group)";
            AlpaconArgs.Unused(display_name, "display_name", choice, groupFields);
            AlpaconArgs.Unused(description, "description", choice, groupFields);
        }
        else
        {
            const string userFields = "users (resource=user)";
            AlpaconArgs.Unused(email, "email", choice, userFields);
            AlpaconArgs.Unused(first_name, "first_name", choice, userFields);
            AlpaconArgs.Unused(last_name, "last_name", choice, userFields);
            AlpaconArgs.Unused(is_active, "is_active", choice, userFields);
        }

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
                AlpaconArgs.Unused(id, "id", choice, "update and delete");
                if (resource == IamResource.User)
                {
                    AlpaconArgs.Need(name, "name", choice, "the login name");
                    AlpaconArgs.Need(email, "email", choice, "the e-mail address");
                    body["is_active"] = is_active ?? true;
                    var user = AlpaconIamUser.From(await client.PostAsync(Users, body, cancellationToken));
                    return new AlpaconIamChange(client.Workspace.Name, $"IAM user '{name}' created (id {user.Id}).", user, null);
                }

                AlpaconArgs.Need(name, "name", choice, "the group's name");
                var group = AlpaconIamGroup.From(await client.PostAsync(Groups, body, cancellationToken));
                return new AlpaconIamChange(client.Workspace.Name, $"IAM group '{name}' created (id {group.Id}).", null, group);
            case IamAction.Update:
            {
                var key = AlpaconArgs.Need(id, "id", choice, $"the {noun}'s id (alpacon_list resource=iam_{noun}s)");
                AlpaconArgs.Unused(name, "name", choice, "create (a login or group name does not change)");
                if (body.Count == 0)
                {
                    throw new BastionException(resource == IamResource.User
                        ? "Nothing to change: give at least one of email, first_name, last_name, is_active."
                        : "Nothing to change: give at least one of display_name, description.");
                }

                var changed = await client.PatchAsync($"{path}{Uri.EscapeDataString(key)}/", body, cancellationToken);
                var message = $"IAM {noun} {key} changed: {string.Join(", ", body.Keys)}.";
                return resource == IamResource.User
                    ? new AlpaconIamChange(client.Workspace.Name, message, AlpaconIamUser.From(changed), null)
                    : new AlpaconIamChange(client.Workspace.Name, message, null, AlpaconIamGroup.From(changed));
            }

            default:
            {
                var key = AlpaconArgs.Need(id, "id", choice, $"the {noun}'s id (alpacon_list resource=iam_{noun}s)");
                if (body.Count > 0)
                {
                    throw new BastionException($"{choice} takes only id and workspace; leave out {string.Join(", ", body.Keys.Select(k => k == "username" ? "name" : k))} (create and update take them).");
                }

                await client.DeleteAsync($"{path}{Uri.EscapeDataString(key)}/", cancellationToken);
                return new AlpaconIamChange(client.Workspace.Name, $"IAM {noun} {key} deleted.", null, null);
            }
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
