using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Storage;

/// <summary>Block devices and partitions of a host.</summary>
public sealed record BlockDeviceList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Source that was read: lsblk, or /proc/partitions where lsblk is missing (sizes only).")] string Source,
    [property: Description("Devices on the host.")] int Total,
    [property: Description("Devices, each disk followed by its partitions and volumes, at most limit.")] IReadOnlyList<BlockDevice> Devices,
    [property: Description("True when more devices exist than were returned.")] bool Truncated);
