using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>IAM groups of a workspace.</summary>
internal sealed record AlpaconIamGroupList(
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("How many groups match.")] int Total,
    [property: Description("True when more match than are returned.")] bool Truncated,
    [property: Description("The groups.")] IReadOnlyList<AlpaconIamGroup> Groups,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Notes);
