using System.Diagnostics.Metrics;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Audit;

/// <summary>
/// The audit log's commit instrument on <see cref="BastionTelemetry.Meter"/>: <c>bastion.audit.commit.duration</c>,
/// seconds to make one commit durable (its lines written, fsynced, and the head overwritten; see
/// <see cref="AuditLog"/>). Every tool call's answer waits for the commit holding its entry, so this is the part of each
/// call's latency the audit adds, and a slow disk shows here first. Commits that fail are not recorded.
/// </summary>
public static class AuditCommitTelemetry
{
    /// <summary>Bucket boundaries, in seconds: 0.1 ms (an fsync on a fast SSD) to 2.5 s (a stalled disk).</summary>
    private static readonly InstrumentAdvice<double> Buckets = new() { HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] };

    /// <summary><c>bastion.audit.commit.duration</c>: seconds to make one audit commit durable.</summary>
    public static Histogram<double> Duration { get; } =
        BastionTelemetry.Meter.CreateHistogram("bastion.audit.commit.duration", "s", "Time to make one audit commit durable: its write, fsync and head; each tool call's answer waits for it.", advice: Buckets);
}
