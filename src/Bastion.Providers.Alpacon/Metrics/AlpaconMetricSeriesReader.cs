using System.Globalization;
using System.Text.Json;
using Bastion.Core;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;

namespace Bastion.Providers.Alpacon.Metrics;

/// <summary>
/// Reads what Alpacon recorded for one server over a time range (<c>/api/metrics/realtime/{cpu,memory,disk-usage,disk-io,traffic}/</c>)
/// and summarises it: min/avg/max/latest of every numeric field over all points, and the newest points as rows.
/// </summary>
internal sealed class AlpaconMetricSeriesReader(TimeProvider clock)
{
    /// <summary>The series of <paramref name="metric"/> on <paramref name="target"/> from <paramref name="start"/> (null:
    /// 24 hours ago) to <paramref name="to"/> (null: now).</summary>
    /// <param name="target">The Alpacon server.</param>
    /// <param name="metric">cpu, memory (percent), disk_usage (percent and bytes), disk_io (bytes/s) or traffic (bits/s, packets/s).</param>
    /// <param name="start">Start of the range, UTC; null: 24 hours before now.</param>
    /// <param name="to">End of the range, UTC; null: Alpacon's now.</param>
    /// <param name="device">disk_usage, disk_io: the device; disk_usage without device or partition takes the server's first device.</param>
    /// <param name="partition">disk_usage: the mount point (instead of device).</param>
    /// <param name="networkInterface">traffic: the interface; null: Alpacon's choice.</param>
    /// <param name="limit">Most rows returned, newest kept; statistics cover all points.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <exception cref="BastionException">disk_usage without device or partition on a server for which Alpacon knows no device.</exception>
    /// <exception cref="PlatformException">Alpacon refused or failed the call.</exception>
    public async Task<MetricSeries> ReadAsync(
        AlpaconTarget target,
        AlpaconMetric metric,
        DateTimeOffset? start,
        DateTimeOffset? to,
        string? device,
        string? partition,
        string? networkInterface,
        int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var from = start ?? clock.GetUtcNow().AddHours(-24);
        var notes = new List<string>();
        if (metric == AlpaconMetric.DiskUsage && device is null && partition is null)
        {
            var devices = await target.Client.GetAsync("api/metrics/realtime/disk-usage/device/", [new("server", target.ServerId)], cancellationToken);
            var known = devices.Strings("devices");
            device = (known.Count > 0 ? known[0] : null)
                ?? throw new BastionException($"Alpacon has no disk devices for host '{target.Host.Name}'; give partition (e.g. /).");
            notes.Add($"No device or partition given: showing {device}, Alpacon's first device for this server.");
        }

        var path = AlpaconMetricPaths.Series(metric);
        var query = new List<KeyValuePair<string, string?>>
        {
            new("server", target.ServerId),
            new("start", from.ToString("O", CultureInfo.InvariantCulture)),
            new("end", to?.ToString("O", CultureInfo.InvariantCulture)),
        };
        if (metric is AlpaconMetric.DiskUsage or AlpaconMetric.DiskIo)
        {
            query.Add(new("device", device));
        }

        if (metric == AlpaconMetric.DiskUsage)
        {
            query.Add(new("partition", device is null ? partition : null));
        }

        if (metric == AlpaconMetric.Traffic)
        {
            query.Add(new("interface", networkInterface));
        }

        var answer = await target.Client.GetAsync(path, query, cancellationToken);
        var rows = (answer.ValueKind == JsonValueKind.Array ? answer : answer.Field("results") ?? default) is { ValueKind: JsonValueKind.Array } array
            ? array.EnumerateArray().ToList()
            : [];
        var kept = rows.Count > limit ? rows.Skip(rows.Count - limit).ToList() : rows;
        if (kept.Count < rows.Count)
        {
            notes.Add($"rows holds the newest {kept.Count} of {rows.Count} points; statistics cover all of them.");
        }

        if (rows.Count == 0)
        {
            notes.Add("Alpacon returned no points for this range; widen it, or check that the server reports metrics.");
        }

        var subject = metric switch
        {
            AlpaconMetric.DiskUsage => device ?? partition,
            AlpaconMetric.DiskIo => device,
            AlpaconMetric.Traffic => networkInterface,
            _ => null,
        };
        return new MetricSeries(target.Host.Name, target.Workspace, metric, "/" + path, from, to, subject, rows.Count, Summarize(rows), kept, notes);
    }

    private static List<FieldSummary> Summarize(IReadOnlyList<JsonElement> rows)
    {
        var fields = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.ValueKind == JsonValueKind.Object))
        {
            foreach (var property in row.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Number))
            {
                if (!fields.TryGetValue(property.Name, out var values))
                {
                    fields[property.Name] = values = [];
                }

                values.Add(property.Value.GetDouble());
            }
        }

        return fields.Select(f => new FieldSummary(f.Key, f.Value.Count, Math.Round(f.Value.Min(), 3), Math.Round(f.Value.Average(), 3), Math.Round(f.Value.Max(), 3), Math.Round(f.Value[^1], 3))).ToList();
    }
}
