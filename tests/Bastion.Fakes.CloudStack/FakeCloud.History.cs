using System.Globalization;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// listVirtualMachinesUsageHistory (CloudStack 4.17+): per VM (id, ids or name; all of the account's otherwise) its
/// stats between startdate and enddate ("yyyy-MM-dd HH:mm:ss", default the last hour), one every 5 minutes of the
/// fake's clock, at most 24 hours back: timestamp, cpuused ("N.NN%": 10 % per VM in creation order plus 0-2 %),
/// memorykbs (the offering's memory), memoryintfreekbs (a quarter of it), memorytargetkbs, networkkbsread/write, diskkbsread/write, diskioread/write.
/// </summary>
public sealed partial class FakeCloud
{
    private static readonly TimeSpan StatsInterval = TimeSpan.FromMinutes(5);

    private JsonObject UsageHistory(FakeCall call)
    {
        var end = Date(call, "enddate") ?? Now;
        var start = Date(call, "startdate") ?? end.AddHours(-1);
        if (start < Now.AddHours(-24))
        {
            start = Now.AddHours(-24);
        }

        var ids = call.Get("ids")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var vms = _vms.Where(v => call.ListAll || v.Account == FakeSeed.Account)
            .Where(v => call.Get("id") is not { } id || v.Id == id)
            .Where(v => ids is null || ids.Contains(v.Id))
            .Where(v => call.Get("name") is not { } name || string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            .Select(v => new JsonObject
            {
                ["id"] = v.Id,
                ["name"] = v.Name,
                ["displayname"] = v.DisplayName ?? v.Name,
                ["stats"] = Stats(v, _vms.IndexOf(v), start, end),
            });
        return Page(call, vms, "virtualmachine");
    }

    private JsonArray Stats(FakeVm vm, int n, DateTimeOffset start, DateTimeOffset end)
    {
        var memory = (Offering(vm.OfferingId)?["memory"]?.GetValue<int>() ?? 1024) * 1024L;
        var stats = new JsonArray();
        var first = DateTimeOffset.FromUnixTimeSeconds((start.ToUnixTimeSeconds() + (long)StatsInterval.TotalSeconds - 1) / (long)StatsInterval.TotalSeconds * (long)StatsInterval.TotalSeconds);
        for (var (t, i) = (first, 0); t <= end && i < 288; t += StatsInterval, i++)
        {
            var cpu = 10 + (10 * n) + (i % 3);
            stats.Add(new JsonObject
            {
                ["timestamp"] = Time(t),
                ["cpuused"] = cpu.ToString("0.00", CultureInfo.InvariantCulture) + "%",
                ["memorykbs"] = memory,
                ["memoryintfreekbs"] = memory / 4,
                ["memorytargetkbs"] = memory,
                ["networkkbsread"] = 100 + i,
                ["networkkbswrite"] = 50 + i,
                ["diskkbsread"] = 10,
                ["diskkbswrite"] = 20,
                ["diskioread"] = 1,
                ["diskiowrite"] = 2,
            });
        }

        return stats;
    }

    private static DateTimeOffset? Date(FakeCall call, string name) =>
        call.Get(name) is not { } text ? null
        : DateTimeOffset.TryParseExact(text, "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at
        : throw new FakeApiException(431, $"Unable to parse {name}: {text}, expected format yyyy-MM-dd HH:mm:ss");
}
