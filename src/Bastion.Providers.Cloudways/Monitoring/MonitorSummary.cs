using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>Result of the monitoring summary tools (Cloudways <c>/server/monitor/summary</c>, <c>/app/monitor/summary</c>).</summary>
internal sealed record MonitorSummary(
    [property: Description("The server.")] long ServerId,
    [property: Description("The app; null for a server summary.")] long? AppId,
    [property: Description("bandwidth, disk or summary.")] SummaryKind Kind,
    [property: Description("Series read from Cloudways' content[] (name, type, datapoint); empty when the answer has another shape (see raw).")] IReadOnlyList<MonitorSeries> Series,
    [property: Description("Cloudways' answer as it came when it is not a list of series (e.g. the app summary's sizes); null otherwise.")] JsonElement? Raw,
    [property: Description("True when series or raw lists were cut to the limit.")] bool Truncated)
{
    /// <summary>Reads <c>{"content": [{"name", "datapoint": [v, t] or [[v, t], …], "type"}]}</c>.</summary>
    public static MonitorSummary From(long serverId, long? appId, SummaryKind kind, JsonElement answer, int limit)
    {
        var content = answer.Field("content") ?? answer.Field("contents");
        if (content is not { ValueKind: JsonValueKind.Array } list || !list.EnumerateArray().All(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("datapoint", out _)))
        {
            var (raw, cut) = JsonBounds.Cut(content ?? answer, limit);
            return new MonitorSummary(serverId, appId, kind, [], raw, cut);
        }

        var series = list.EnumerateArray().Select(i => new MonitorSeries(i.Text("name"), i.Text("type"), Points(i.GetProperty("datapoint")))).ToList();
        var truncated = series.Count > limit || series.Any(s => s.Points.Count > limit);
        return new MonitorSummary(
            serverId,
            appId,
            kind,
            [.. series.Take(limit).Select(s => s with { Points = [.. s.Points.TakeLast(limit)] })],
            null,
            truncated);
    }

    private static List<MonitorPoint> Points(JsonElement datapoint)
    {
        if (datapoint.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var items = datapoint.EnumerateArray().ToList();
        return items.Count > 0 && items[0].ValueKind == JsonValueKind.Array
            ? [.. items.Select(Point)]
            : [Point(datapoint)];
    }

    private static MonitorPoint Point(JsonElement pair)
    {
        var items = pair.ValueKind == JsonValueKind.Array ? pair.EnumerateArray().ToList() : [];
        var value = items.Count > 0 ? LenientJson.AsNum(items[0]) : null;
        var time = items.Count > 1 ? LenientJson.AsLong(items[1]) : null;
        return new MonitorPoint(value, time is > 0 ? DateTimeOffset.FromUnixTimeSeconds(time.Value) : null);
    }
}
