namespace Bastion.Providers.Alpacon.Metrics;

/// <summary>A realtime metric Alpacon records for its servers.</summary>
internal enum AlpaconMetric
{
    /// <summary>CPU usage in percent (<c>/api/metrics/realtime/cpu/</c>).</summary>
    Cpu,

    /// <summary>Memory usage in percent (<c>/api/metrics/realtime/memory/</c>).</summary>
    Memory,

    /// <summary>File-system usage of a device or partition (<c>/api/metrics/realtime/disk-usage/</c>).</summary>
    DiskUsage,

    /// <summary>Disk read/write throughput (<c>/api/metrics/realtime/disk-io/</c>).</summary>
    DiskIo,

    /// <summary>Network traffic of an interface in bits and packets per second (<c>/api/metrics/realtime/traffic/</c>).</summary>
    Traffic,
}
