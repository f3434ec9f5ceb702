namespace Bastion.Providers.CloudStack.Reads;

/// <summary>What cloudstack_list reads (its <c>resource</c> argument, snake_case on the wire), with the CloudStack API behind each.</summary>
internal enum CloudStackResource
{
    /// <summary>listZones.</summary>
    Zones,

    /// <summary>listTemplates.</summary>
    Templates,

    /// <summary>listServiceOfferings (compute offerings).</summary>
    Offerings,

    /// <summary>listNetworks (guest networks).</summary>
    Networks,

    /// <summary>listVirtualMachines; with a vm, exactly that VM.</summary>
    Vms,

    /// <summary>listVirtualMachinesMetrics.</summary>
    VmMetrics,

    /// <summary>listVolumes.</summary>
    Volumes,

    /// <summary>listSnapshots (volume snapshots).</summary>
    Snapshots,

    /// <summary>listEvents, newest first.</summary>
    Events,

    /// <summary>listAlerts (administrators).</summary>
    Alerts,

    /// <summary>listCapacity (root administrators).</summary>
    Capacity,

    /// <summary>listApis: the APIs the credentials may call, for cloudstack_api_call.</summary>
    Apis,

    /// <summary>queryAsyncJobResult: one async job.</summary>
    Job,
}
