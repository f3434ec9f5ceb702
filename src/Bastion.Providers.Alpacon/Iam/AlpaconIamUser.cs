using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>An Alpacon IAM user (a person or account of the workspace, not an OS user) from <c>/api/iam/users/</c>.</summary>
internal sealed record AlpaconIamUser(
    [property: Description("Alpacon's user id (UUID).")] string Id,
    [property: Description("Login name.")] string? Username,
    [property: Description("E-mail address.")] string? Email,
    [property: Description("First name.")] string? FirstName,
    [property: Description("Last name.")] string? LastName,
    [property: Description("False when the account is disabled.")] bool? IsActive,
    [property: Description("How many IAM groups the user is in.")] int? NumGroups,
    [property: Description("When the user joined, UTC ISO-8601.")] DateTimeOffset? DateJoined)
{
    public static AlpaconIamUser From(JsonElement u) =>
        new(u.Str("id") ?? string.Empty, u.Str("username"), u.Str("email"), u.Str("first_name"), u.Str("last_name"), u.Bool("is_active"), u.Int("num_groups"), u.Time("date_joined"));
}
