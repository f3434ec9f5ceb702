using System.Globalization;
using System.Text.Json;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Hosts;

namespace Bastion.Providers.CloudStack.History;

/// <summary>
/// The VM statistics CloudStack keeps (<c>listVirtualMachinesUsageHistory</c>, CloudStack 4.17 and later; kept as long
/// as its <c>vm.stats.max.retention.time</c> says) for a CloudStack VM (label <c>backend=cloudstack</c>, <c>id</c>), as series
/// of metrics_history and metrics_top: <c>cpuused</c> ("12.5%") → cpu.busy_percent; <c>memorykbs</c> and
/// <c>memoryintfreekbs</c> (the guest's free memory, −1 when its balloon driver does not say) → memory.total_bytes,
/// memory.available_bytes, memory.used_bytes and memory.used_percent. CloudStack's network and disk figures are amounts
/// per collection cycle, not rates, and are not mapped. When the window reaches the last <see cref="LatestReach"/>, the
/// VM's latest stats from <c>listVirtualMachinesMetrics</c> (the same fields) are added as a sample at now, unless the
/// usage history already has one that recent; a cloud before 4.17 (no usage history: errorcode 432) gets that sample only.
/// </summary>
internal sealed class CloudStackHistorySource(CloudStackClient client, TimeProvider clock) : IHistorySource
{
    /// <summary>How close to now a window must end, and how old the newest stored sample must be, for the latest metrics to be added (5 minutes, CloudStack's default stats interval).</summary>
    public static readonly TimeSpan LatestReach = TimeSpan.FromMinutes(5);

    public const string SourceName = "cloudstack";

    private static readonly TimeSpan DefaultSpacing = TimeSpan.FromMinutes(1);

    public string Name => SourceName;

    public bool Serves(Host host) => host.Labels.GetValueOrDefault("backend") == CloudStackHostSource.Name && host.Labels.ContainsKey("id");

    public async Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken)
    {
        if (!query.WantsFamily("cpu") && !query.WantsFamily("memory"))
        {
            return SourceReading.Nothing("CloudStack keeps CPU and memory history of VMs only.");
        }

        var samples = new List<(DateTimeOffset Time, IReadOnlyList<MetricValue> Values)>();
        var historyAvailable = true;
        try
        {
            var answer = await client.ReadAsync(
                "listVirtualMachinesUsageHistory",
                new Dictionary<string, string?>
                {
                    ["id"] = host.Labels["id"],
                    ["startdate"] = Date(query.From),
                    ["enddate"] = Date(query.To),
                },
                cancellationToken);
            var vm = answer.TryGetProperty("virtualmachine", out var vms) && vms.ValueKind == JsonValueKind.Array ? vms.EnumerateArray().FirstOrDefault() : default;
            if (vm.ValueKind == JsonValueKind.Object && vm.TryGetProperty("stats", out var stats) && stats.ValueKind == JsonValueKind.Array)
            {
                foreach (var stat in stats.EnumerateArray())
                {
                    if (Time(stat) is { } at && Values(stat) is { Count: > 0 } values)
                    {
                        samples.Add((at, values));
                    }
                }
            }
        }
        catch (PlatformException e) when (e.Status == 432)
        {
            // Before CloudStack 4.17 there is no usage history; the latest metrics still give a point.
            historyAvailable = false;
        }

        var now = clock.GetUtcNow();
        if (query.To >= now - LatestReach && (samples.Count == 0 || samples.Max(s => s.Time) < now - LatestReach))
        {
            var metrics = await client.ReadAsync("listVirtualMachinesMetrics", new Dictionary<string, string?> { ["id"] = host.Labels["id"] }, cancellationToken);
            if (metrics.Items("virtualmachine").FirstOrDefault() is { ValueKind: JsonValueKind.Object } latest && Values(latest) is { Count: > 0 } values)
            {
                samples.Add((query.To < now ? query.To : now, values));
            }
        }

        var note = samples.Count > 0 ? null
            : historyAvailable ? "CloudStack keeps no statistics of this VM for the window (see its vm.stats.max.retention.time)."
            : "This CloudStack has no listVirtualMachinesUsageHistory (before 4.17), and the VM reports no current metrics; only windows ending now can be answered.";
        return SourceReading.FromSamples(samples, query, SourceReading.TypicalSpacing(samples.Select(s => s.Time), DefaultSpacing), note);
    }

    private static List<MetricValue> Values(JsonElement stat)
    {
        var values = new List<MetricValue>();
        if (Text(stat, "cpuused") is { } cpu && double.TryParse(cpu.TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var busy))
        {
            values.Add(new MetricValue("cpu.busy_percent", "", Math.Round(busy, 3)));
        }

        if (Number(stat, "memorykbs") is { } total && total > 0 && Number(stat, "memoryintfreekbs") is { } free && free >= 0 && free <= total)
        {
            values.Add(new MetricValue("memory.total_bytes", "", total * 1024));
            values.Add(new MetricValue("memory.available_bytes", "", free * 1024));
            values.Add(new MetricValue("memory.used_bytes", "", (total - free) * 1024));
            values.Add(new MetricValue("memory.used_percent", "", Math.Round((total - free) * 100 / total, 2)));
        }

        return values;
    }

    private static string Date(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>CloudStack's dates, e.g. 2026-12-06T08:00:00+0000 (offset without colon), read as UTC.</summary>
    private static DateTimeOffset? Time(JsonElement stat)
    {
        if (Text(stat, "timestamp") is not { } text)
        {
            return null;
        }

        if (text.Length > 5 && text[^5] is '+' or '-' && text[^4..].All(char.IsAsciiDigit))
        {
            text = text[..^2] + ":" + text[^2..];
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
