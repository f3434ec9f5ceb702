using System.ComponentModel;

namespace Bastion.Core.FanOut;

/// <summary>One host's part of a call.</summary>
public sealed record HostOutcome<T>(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("ok, failed, timed_out or unreachable.")] HostStatus Status,
    [property: Description("Wall-clock seconds this host took.")] double DurationSeconds,
    [property: Description("Why the host failed, timed out or was unreachable; null when ok.")] string? Error,
    [property: Description("The host's result when ok; null otherwise.")] T? Result)
    where T : class;
