using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>What cloudways_list resource projects returns.</summary>
internal sealed record ProjectList(
    [property: Description("Projects in the account.")] int Total,
    [property: Description("Projects, at most limit.")] IReadOnlyList<CloudwaysProject> Projects,
    [property: Description("True when there are more than limit.")] bool Truncated);
