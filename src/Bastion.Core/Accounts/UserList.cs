using System.ComponentModel;

namespace Bastion.Core.Accounts;

/// <summary>User accounts of a host.</summary>
public sealed record UserList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Accounts that matched the filter.")] int Total,
    [property: Description("Accounts, by uid, at most limit.")] IReadOnlyList<UserAccount> Users,
    [property: Description("True when more accounts matched than were returned.")] bool Truncated);
