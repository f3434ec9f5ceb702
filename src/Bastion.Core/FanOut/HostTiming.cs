using System.ComponentModel;

namespace Bastion.Core.FanOut;

/// <summary>How long one host took.</summary>
public sealed record HostTiming(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Wall-clock seconds.")] double Seconds);
