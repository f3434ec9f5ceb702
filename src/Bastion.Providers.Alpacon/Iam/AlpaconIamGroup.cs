using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>An Alpacon IAM group (who may reach which servers), from <c>/api/iam/groups/</c>.</summary>
internal sealed record AlpaconIamGroup(
    [property: Description("Alpacon's group id (UUID).")] string Id,
    [property: Description("Group name.")] string? Name,
    [property: Description("Display name.")] string? DisplayName,
    [property: Description("What the group is for.")] string? Description,
    [property: Description("How many members it has.")] int? NumMembers,
    [property: Description("Members' names, when Alpacon lists them.")] IReadOnlyList<string> Members,
    [property: Description("Names of the servers the group reaches, when Alpacon lists them.")] IReadOnlyList<string> Servers)
{
    public static AlpaconIamGroup From(JsonElement g) =>
        new(g.Str("id") ?? string.Empty, g.Str("name"), g.Str("display_name"), g.Str("description"), g.Int("num_members"), g.Strings("members_names"), g.Strings("servers"));
}
