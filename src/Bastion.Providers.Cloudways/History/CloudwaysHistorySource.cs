using System.Globalization;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Hosts;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.History;

/// <summary>
/// The history Cloudways' monitoring keeps for a Cloudways server (label <c>backend=cloudways</c>, <c>id</c>), as series of
/// metrics_history and metrics_top: the <c>Idle CPU</c> graph of <c>GET /server/monitor/detail</c> (<c>datapoint</c>s of
/// <c>[value, unix time]</c>, waited for when Cloudways answers with an operation) → cpu.idle_percent and
/// cpu.busy_percent (100 − idle). The graph's period is the shortest of <c>GET /monitor_durations</c> that reaches back to
/// the window's start. Cloudways' memory and disk graphs carry no documented unit and are not mapped.
/// </summary>
internal sealed class CloudwaysHistorySource(CloudwaysClient client, CloudwaysOperations operations, TimeProvider clock) : IHistorySource
{
    public const string SourceName = "cloudways";

    public const string CpuTarget = "Idle CPU";

    private static readonly TimeSpan DefaultSpacing = TimeSpan.FromMinutes(5);

    public string Name => SourceName;

    public bool Serves(Host host) =>
        host is { Kind: HostKind.Platform } && host.Labels.GetValueOrDefault("backend") == CloudwaysHostSource.BackendName;

    public async Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken)
    {
        if (!query.WantsFamily("cpu"))
        {
            return SourceReading.Nothing("Cloudways monitoring gives CPU history only (its other graphs have no documented unit).");
        }

        if (!long.TryParse(host.Labels.GetValueOrDefault("id"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var serverId))
        {
            return SourceReading.Nothing($"host '{host.Name}' carries no Cloudways server id (label id).");
        }

        var durations = LenientJson.Values(LenientJson.Field(await client.GetAsync("/monitor_durations", cancellationToken), "durations"))
            .Select(d => d.ValueKind == JsonValueKind.String ? d.GetString() : null).OfType<string>()
            .Select(d => (Name: d, Length: Length(d))).Where(d => d.Length is not null).OrderBy(d => d.Length).ToList();
        if (durations.Count == 0)
        {
            throw new BastionException("Cloudways lists no monitoring durations (GET /monitor_durations).");
        }

        var back = clock.GetUtcNow() - query.From;
        var (duration, length) = durations.FirstOrDefault(d => d.Length >= back) is { Name: not null } fits ? fits : durations[^1];
        var answer = await client.GetAsync(
            "/server/monitor/detail",
            cancellationToken,
            CloudwaysClient.Field("server_id", serverId),
            CloudwaysClient.Field("target", CpuTarget),
            CloudwaysClient.Field("duration", duration),
            CloudwaysClient.Field("timezone", "UTC"),
            CloudwaysClient.Field("output_format", "json"),
            CloudwaysClient.Field("storage", "false"));
        var data = await operations.ResultAsync(answer, $"graph '{CpuTarget}' of server {serverId}", null, cancellationToken);
        var graph = data.Field("contents") ?? data.Field("content") ?? data;
        var samples = new List<(DateTimeOffset Time, IReadOnlyList<MetricValue> Values)>();
        foreach (var point in LenientJson.Values(graph.Field("datapoints") ?? graph.Field("datapoint")))
        {
            if (point.ValueKind == JsonValueKind.Array && point.GetArrayLength() >= 2
                && LenientJson.AsNum(point[0]) is { } idle && LenientJson.AsLong(point[1]) is { } unix)
            {
                samples.Add((DateTimeOffset.FromUnixTimeSeconds(unix), [
                    new MetricValue("cpu.idle_percent", "", Math.Round(idle, 3)),
                    new MetricValue("cpu.busy_percent", "", Math.Round(Math.Clamp(100 - idle, 0, 100), 3)),
                ]));
            }
        }

        var note = length < back ? $"Cloudways keeps at most '{duration}' of monitoring; the window reaches further back." : null;
        return SourceReading.FromSamples(samples, query, SourceReading.TypicalSpacing(samples.Select(s => s.Time), DefaultSpacing), note);
    }

    /// <summary>The length of a Cloudways duration name such as "1 Hour", "12 Hours", "7 Days", "1 Month"; null when unknown.</summary>
    private static TimeSpan? Length(string name)
    {
        var parts = name.Trim().Split(' ', 2, StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return null;
        }

        return parts[1].ToLowerInvariant().TrimEnd('s') switch
        {
            "minute" => TimeSpan.FromMinutes(n),
            "hour" => TimeSpan.FromHours(n),
            "day" => TimeSpan.FromDays(n),
            "week" => TimeSpan.FromDays(7 * n),
            "month" => TimeSpan.FromDays(30 * n),
            _ => null,
        };
    }
}
