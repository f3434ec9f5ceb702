using System.ComponentModel;

namespace Bastion.Core.History;

/// <summary>One host in a ranking.</summary>
public sealed record TopEntry(
    [property: Description("Rank, 1 = highest.")] int Rank,
    [property: Description("Inventory name.")] string Host,
    [property: Description("The aggregate of the series over the window, in the series' unit.")] double Value,
    [property: Description("Least-squares slope over the window, in the series' unit per hour.")] double TrendPerHour,
    [property: Description("Samples the figure is made of.")] int Samples,
    [property: Description("Latest sample, in the series' unit.")] double Last,
    [property: Description("Where the samples come from: bastion-collector, sysstat, alpacon, cloudways or cloudstack; '+'-joined when several filled the window.")] string Source);
