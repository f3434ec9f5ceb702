using System.ComponentModel;

namespace Bastion.Core.Metrics;

/// <summary>Traffic of one interface over the sample window, from two readings of <c>/proc/net/dev</c>.</summary>
public sealed record NetworkThroughput(
    [property: Description("Interface name, e.g. eth0, lo.")] string Interface,
    [property: Description("Received, bytes per second over the sample window.")] double RxBytesPerSecond,
    [property: Description("Sent, bytes per second over the sample window.")] double TxBytesPerSecond,
    [property: Description("Received, packets per second over the sample window.")] double RxPacketsPerSecond,
    [property: Description("Sent, packets per second over the sample window.")] double TxPacketsPerSecond,
    [property: Description("Receive errors since boot.")] long RxErrors,
    [property: Description("Transmit errors since boot.")] long TxErrors,
    [property: Description("Received packets dropped since boot.")] long RxDrops,
    [property: Description("Transmitted packets dropped since boot.")] long TxDrops,
    [property: Description("Receive errors plus drops during the sample window; non-zero means trouble now.")] long ErrorsInWindow);
