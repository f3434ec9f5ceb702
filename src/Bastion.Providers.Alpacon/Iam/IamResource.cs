namespace Bastion.Providers.Alpacon.Iam;

/// <summary>Which IAM object <c>alpacon_iam_change</c> acts on.</summary>
internal enum IamResource
{
    /// <summary>An IAM user (<c>/api/iam/users/</c>).</summary>
    User,

    /// <summary>An IAM group (<c>/api/iam/groups/</c>).</summary>
    Group,
}
