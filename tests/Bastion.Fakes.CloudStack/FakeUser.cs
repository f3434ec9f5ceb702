using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>A user of the fake cloud: its account, role and key pair (if any).</summary>
public sealed class FakeUser
{
    public required string Id { get; init; }
    public required string Username { get; init; }
    public required string Account { get; init; }
    public string? Password { get; init; }
    public string Email { get; init; } = string.Empty;
    public string FirstName { get; init; } = string.Empty;
    public string LastName { get; init; } = string.Empty;

    /// <summary>Admin (every API) or User (the <see cref="FakeApis"/> marked for users).</summary>
    public string RoleType { get; init; } = "User";
    public string? ApiKey { get; set; }
    public string? SecretKey { get; set; }
    public DateTimeOffset Created { get; init; }

    public bool IsAdmin => RoleType == "Admin";

    internal JsonObject ToJson() => new()
    {
        ["id"] = Id,
        ["username"] = Username,
        ["firstname"] = FirstName,
        ["lastname"] = LastName,
        ["email"] = Email,
        ["created"] = FakeCloud.Time(Created),
        ["state"] = "enabled",
        ["account"] = Account,
        ["accounttype"] = IsAdmin ? 1 : 0,
        ["usersource"] = "native",
        ["roletype"] = RoleType,
        ["rolename"] = IsAdmin ? "Root Admin" : "User",
        ["domainid"] = "dom-root",
        ["domain"] = "ROOT",
        ["accountid"] = "acc-" + Account,
        ["iscallerchilddomain"] = false,
        ["isdefault"] = false,
    };
}
