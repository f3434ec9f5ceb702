using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>A member of the Cloudways team, from <c>GET /member</c> (<c>contents.members</c>, a map keyed by id).</summary>
internal sealed record TeamMember(
    [property: Description("Member id.")] long Id,
    [property: Description("Name.")] string? Name,
    [property: Description("Email address.")] string? Email,
    [property: Description("Cloudways' status of the membership (1 = active).")] string? Status,
    [property: Description("Role, e.g. Project Manager.")] string? Role,
    [property: Description("True when the member has full access to the account; null when Cloudways does not say.")] bool? FullAccess)
{
    public static TeamMember From(JsonElement member) => new(
        member.Long("id") ?? 0,
        member.Text("name"),
        member.Text("email"),
        member.Text("status"),
        member.Text("role"),
        member.Field("permissions") is { } permissions ? permissions.Flag("is_full") : null);
}
