namespace Bastion.Providers.Cloudways.Operations;

/// <summary>Where a Cloudways operation stands (its <c>is_completed</c>: "0", "1" or "-1").</summary>
internal enum OperationState
{
    /// <summary>Still running (<c>is_completed</c> "0").</summary>
    Running,

    /// <summary>Finished well (<c>is_completed</c> "1").</summary>
    Completed,

    /// <summary>Finished badly (<c>is_completed</c> "-1"); <c>message</c> says why.</summary>
    Failed,
}
