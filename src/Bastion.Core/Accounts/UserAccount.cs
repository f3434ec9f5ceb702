using System.ComponentModel;

namespace Bastion.Core.Accounts;

/// <summary>A user account, from <c>getent passwd</c> and <c>getent group</c>.</summary>
public sealed record UserAccount(
    [property: Description("User name.")] string Name,
    [property: Description("User id.")] int Uid,
    [property: Description("Primary group id.")] int Gid,
    [property: Description("Full name or comment (GECOS field); empty when unset.")] string Gecos,
    [property: Description("Home directory.")] string Home,
    [property: Description("Login shell path.")] string Shell,
    [property: Description("True when the shell allows an interactive login (not nologin, false, sync, halt or shutdown).")] bool CanLogin,
    [property: Description("True when the user is root or a member of sudo, wheel or admin.")] bool Sudo,
    [property: Description("True for service accounts: uid 1-999, or nobody (65534).")] bool System,
    [property: Description("Names of the groups the user is in, the primary group first.")] IReadOnlyList<string> Groups);
