using System.ComponentModel;

namespace Bastion.Core.Accounts;

/// <summary>Groups of a host.</summary>
public sealed record GroupList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Groups that matched the filter.")] int Total,
    [property: Description("Groups, by gid, at most limit.")] IReadOnlyList<GroupInfo> Groups,
    [property: Description("True when more groups matched than were returned.")] bool Truncated);
