namespace Bastion.Providers.CloudStack.Volumes;

/// <summary>What cloudstack_volume_control does (its <c>action</c> argument), with the CloudStack API behind each.</summary>
internal enum VolumeAction
{
    /// <summary>attachVolume: a DATADISK to a VM.</summary>
    Attach,

    /// <summary>detachVolume.</summary>
    Detach,

    /// <summary>resizeVolume.</summary>
    Resize,

    /// <summary>createSnapshot.</summary>
    Snapshot,
}
