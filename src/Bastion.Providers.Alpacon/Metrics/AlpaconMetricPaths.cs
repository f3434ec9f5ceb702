namespace Bastion.Providers.Alpacon.Metrics;

/// <summary>Where each metric lives in Alpacon's API.</summary>
internal static class AlpaconMetricPaths
{
    public static string Series(AlpaconMetric metric) => $"api/metrics/realtime/{Segment(metric)}/";

    public static string Top(AlpaconMetric metric) => $"api/metrics/realtime/{Segment(metric)}/top/";

    private static string Segment(AlpaconMetric metric) => metric switch
    {
        AlpaconMetric.Cpu => "cpu",
        AlpaconMetric.Memory => "memory",
        AlpaconMetric.DiskUsage => "disk-usage",
        AlpaconMetric.DiskIo => "disk-io",
        _ => "traffic",
    };
}
