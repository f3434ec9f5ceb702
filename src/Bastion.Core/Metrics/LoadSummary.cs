using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>Load averages from <c>/proc/loadavg</c>.</summary>
public sealed record LoadSummary(
    [property: Description("1-minute load average (runnable plus uninterruptible tasks).")] double One,
    [property: Description("5-minute load average.")] double Five,
    [property: Description("15-minute load average.")] double Fifteen,
    [property: Description("1-minute load divided by the number of logical CPUs; above 1 means tasks are queueing.")] double OnePerCpu,
    [property: Description("Threads runnable right now.")] long Runnable,
    [property: Description("Threads that exist.")] long Threads);
