using System.ComponentModel;

namespace Bastion.Core.Processes;

/// <summary>The top processes of a host.</summary>
public sealed record ProcessList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Order: cpu (CPU over the window) or memory (RSS).")] ProcessSort Sort,
    [property: Description("Length of the CPU sample window in seconds, measured on the host.")] double SampleSeconds,
    [property: Description("Processes on the host.")] int Total,
    [property: Description("The top processes, at most limit.")] IReadOnlyList<ProcessInfo> Processes,
    [property: Description("True when more processes exist than were returned.")] bool Truncated);
