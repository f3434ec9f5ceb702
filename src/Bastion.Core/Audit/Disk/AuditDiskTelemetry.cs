using System.Diagnostics.Metrics;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Audit.Disk;

/// <summary>
/// The audit disk's instruments on <see cref="BastionTelemetry.Meter"/>: <c>bastion.audit.disk.warnings</c> (changes of
/// level downwards, by <c>level</c>: low or floor; each is also logged as a warning), <c>bastion.audit.disk.refusals</c>
/// (calls refused at the floor), and the gauges <c>bastion.audit.disk.free</c> (bytes free at the last reading) and
/// <c>bastion.audit.disk.level</c> (0 ok, 1 low, 2 floor, at the last reading).
/// </summary>
public static class AuditDiskTelemetry
{
    private static long _free = -1;
    private static int _level;

    /// <summary><c>bastion.audit.disk.warnings</c>: the audit file system went under a watermark, by <c>level</c>.</summary>
    public static Counter<long> Warnings { get; } =
        BastionTelemetry.Meter.CreateCounter<long>("bastion.audit.disk.warnings", "{warning}", "Times the audit file system went under its low watermark or floor, by level.");

    /// <summary><c>bastion.audit.disk.refusals</c>: calls refused because free space was under the floor.</summary>
    public static Counter<long> Refusals { get; } =
        BastionTelemetry.Meter.CreateCounter<long>("bastion.audit.disk.refusals", "{call}", "Tool calls refused because the audit file system was under its floor.");

    /// <summary><c>bastion.audit.disk.free</c>: bytes free on the audit file system at the last reading (statvfs).</summary>
    public static ObservableGauge<long> Free { get; } =
        BastionTelemetry.Meter.CreateObservableGauge("bastion.audit.disk.free", () => Read(ref _free), "By", "Bytes free on the audit file system at the last reading.");

    /// <summary><c>bastion.audit.disk.level</c>: 0 ok, 1 under the low watermark, 2 under the floor, at the last reading.</summary>
    public static ObservableGauge<int> Level { get; } =
        BastionTelemetry.Meter.CreateObservableGauge("bastion.audit.disk.level", () => Volatile.Read(ref _free) < 0 ? [] : new[] { new Measurement<int>(Volatile.Read(ref _level)) }, "1", "Audit file system against its watermarks: 0 ok, 1 low, 2 floor.");

    internal static void Observe(long free, DiskLevel level)
    {
        _ = Free;
        _ = Level;
        Volatile.Write(ref _free, free);
        Volatile.Write(ref _level, (int)level);
    }

    internal static void CountWarning(DiskLevel level) =>
        Warnings.Add(1, new KeyValuePair<string, object?>("level", level == DiskLevel.Floor ? "floor" : "low"));

    internal static void CountRefusal() => Refusals.Add(1);

    private static IEnumerable<Measurement<long>> Read(ref long field) =>
        Volatile.Read(ref field) is var value and >= 0 ? [new Measurement<long>(value)] : [];
}
