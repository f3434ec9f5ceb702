using System.ComponentModel;

namespace Bastion.Core.Accounts;

/// <summary>A group, from <c>getent group</c> (members) and <c>getent passwd</c> (users whose primary group it is).</summary>
public sealed record GroupInfo(
    [property: Description("Group name.")] string Name,
    [property: Description("Group id.")] int Gid,
    [property: Description("Users in the group: those listed as members and those whose primary group it is.")] IReadOnlyList<string> Members,
    [property: Description("True when members of this group may use sudo (sudo, wheel, admin).")] bool Sudo);
