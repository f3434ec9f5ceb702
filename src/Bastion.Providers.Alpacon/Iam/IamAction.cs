namespace Bastion.Providers.Alpacon.Iam;

/// <summary>What <c>alpacon_iam_change</c> does to an IAM user or group.</summary>
internal enum IamAction
{
    /// <summary>Create one; additive, runs without confirmation.</summary>
    Create,

    /// <summary>Change the given fields of id; confirmed.</summary>
    Update,

    /// <summary>Delete id for good; confirmed.</summary>
    Delete,
}
