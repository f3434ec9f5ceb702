using System.Globalization;
using System.Text.Json;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Metrics;

namespace Bastion.Providers.Alpacon.History;

/// <summary>
/// The history Alpacon's agent recorded for an Alpacon server, as series of metrics_history and metrics_top:
/// <c>/api/metrics/realtime/cpu/</c> usage → cpu.busy_percent, <c>…/memory/</c> usage → memory.used_percent,
/// <c>…/disk-usage/</c> per mount point (from <c>…/disk-usage/device/</c>, at most <see cref="MaxPartitions"/>) → disk.used_percent,
/// used_bytes, size_bytes (and the fullest under <c>*</c>), <c>…/traffic/</c> of Alpacon's default interface → network
/// rx/tx bytes per second (avg_input_bps / 8) and packets per second. Load, swap and disk I/O are not read (Alpacon keeps
/// no load or swap history, and its disk-io fields are not documented).
/// </summary>
internal sealed class AlpaconHistorySource(AlpaconTargets targets) : IHistorySource
{
    public const string SourceName = "alpacon";

    public const int MaxPartitions = 8;

    private static readonly TimeSpan DefaultSpacing = TimeSpan.FromMinutes(5);

    public string Name => SourceName;

    public bool Serves(Host host) =>
        host is { Kind: HostKind.Platform } && host.Labels.GetValueOrDefault(AlpaconLabels.BackendKey) == AlpaconLabels.Backend;

    public async Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken)
    {
        var target = targets.Resolve(host);
        var samples = new List<(DateTimeOffset Time, MetricValue Value)>();
        if (query.WantsFamily("cpu"))
        {
            foreach (var row in await RowsAsync(target, AlpaconMetric.Cpu, query, [], cancellationToken))
            {
                Add(samples, row, "cpu.busy_percent", "", row.Num("usage"));
            }
        }

        if (query.WantsFamily("memory"))
        {
            foreach (var row in await RowsAsync(target, AlpaconMetric.Memory, query, [], cancellationToken))
            {
                Add(samples, row, "memory.used_percent", "", row.Num("usage"));
            }
        }

        if (query.WantsFamily("disk"))
        {
            await DisksAsync(target, query, samples, cancellationToken);
        }

        if (query.WantsFamily("network"))
        {
            foreach (var row in await RowsAsync(target, AlpaconMetric.Traffic, query, [], cancellationToken))
            {
                var name = row.Str("interface") ?? "default";
                Add(samples, row, "network.rx_bytes_per_second", name, row.Num("avg_input_bps") / 8);
                Add(samples, row, "network.tx_bytes_per_second", name, row.Num("avg_output_bps") / 8);
                Add(samples, row, "network.rx_packets_per_second", name, row.Num("avg_input_pps"));
                Add(samples, row, "network.tx_packets_per_second", name, row.Num("avg_output_pps"));
            }
        }

        var timed = samples.GroupBy(s => s.Time).Select(g => (g.Key, (IReadOnlyList<MetricValue>)g.Select(x => x.Value).ToList())).ToList();
        var spacing = SourceReading.TypicalSpacing(timed.Select(t => t.Key), DefaultSpacing);
        return SourceReading.FromSamples(timed, query, spacing, timed.Count == 0 ? "Alpacon returned no points for this window." : null);
    }

    private static async Task DisksAsync(AlpaconTarget target, SourceQuery query, List<(DateTimeOffset Time, MetricValue Value)> samples, CancellationToken cancellationToken)
    {
        var devices = await target.Client.GetAsync("api/metrics/realtime/disk-usage/device/", [new("server", target.ServerId)], cancellationToken);
        var fullest = new Dictionary<DateTimeOffset, double>();
        foreach (var mount in devices.Strings("mount_points").Take(MaxPartitions))
        {
            foreach (var row in await RowsAsync(target, AlpaconMetric.DiskUsage, query, [new("partition", mount)], cancellationToken))
            {
                var usage = row.Num("usage");
                Add(samples, row, "disk.used_percent", mount, usage);
                Add(samples, row, "disk.used_bytes", mount, row.Num("used"));
                Add(samples, row, "disk.size_bytes", mount, row.Num("total"));
                if (row.Time("timestamp") is { } at && usage is { } u)
                {
                    fullest[at] = Math.Max(fullest.GetValueOrDefault(at), u);
                }
            }
        }

        samples.AddRange(fullest.Select(f => (f.Key, new MetricValue("disk.used_percent", HistoryMetrics.AllInstances, f.Value))));
    }

    private static async Task<IReadOnlyList<JsonElement>> RowsAsync(AlpaconTarget target, AlpaconMetric metric, SourceQuery query, IEnumerable<KeyValuePair<string, string?>> extra, CancellationToken cancellationToken)
    {
        var answer = await target.Client.GetAsync(
            AlpaconMetricPaths.Series(metric),
            [
                new("server", target.ServerId),
                new("start", query.From.ToString("O", CultureInfo.InvariantCulture)),
                new("end", query.To.ToString("O", CultureInfo.InvariantCulture)),
                .. extra,
            ],
            cancellationToken);
        return (answer.ValueKind == JsonValueKind.Array ? answer : answer.Field("results") ?? default) is { ValueKind: JsonValueKind.Array } rows
            ? rows.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.Object).ToList()
            : [];
    }

    private static void Add(List<(DateTimeOffset Time, MetricValue Value)> samples, JsonElement row, string metric, string instance, double? value)
    {
        if (row.Time("timestamp") is { } at && value is { } v && double.IsFinite(v))
        {
            samples.Add((at, new MetricValue(metric, instance, Math.Round(v, 3))));
        }
    }
}
