using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>IAM users of a workspace.</summary>
internal sealed record AlpaconIamUserList(
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("How many users match.")] int Total,
    [property: Description("True when more match than are returned.")] bool Truncated,
    [property: Description("The users.")] IReadOnlyList<AlpaconIamUser> Users,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Notes);
