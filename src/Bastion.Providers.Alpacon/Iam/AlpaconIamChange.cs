using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Iam;

/// <summary>What an IAM change did.</summary>
internal sealed record AlpaconIamChange(
    [property: Description("The Alpacon workspace changed.")] string Workspace,
    [property: Description("What happened, in a sentence.")] string Message,
    [property: Description("The user as it now is; null for group changes and deletions.")] AlpaconIamUser? User,
    [property: Description("The group as it now is; null for user changes and deletions.")] AlpaconIamGroup? Group);
