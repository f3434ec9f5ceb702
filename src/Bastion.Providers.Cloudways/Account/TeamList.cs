using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>What cloudways_list resource team returns.</summary>
internal sealed record TeamList(
    [property: Description("Members of the team.")] int Total,
    [property: Description("Members, at most limit.")] IReadOnlyList<TeamMember> Members,
    [property: Description("True when there are more than limit.")] bool Truncated);
