using System.ComponentModel;

namespace Bastion.Core.FanOut;

/// <summary>Counts of a fan-out call, read before the per-host results.</summary>
public sealed record FanOutSummary(
    [property: Description("Hosts the target selected.")] int Targets,
    [property: Description("Hosts that answered.")] int Ok,
    [property: Description("Hosts that answered with an error.")] int Failed,
    [property: Description("Hosts that did not finish within the per-host timeout.")] int TimedOut,
    [property: Description("Hosts that could not be reached.")] int Unreachable,
    [property: Description("Wall-clock seconds of the whole call.")] double DurationSeconds,
    [property: Description("The slowest hosts, slowest first (at most 3).")] IReadOnlyList<HostTiming> Slowest);
