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

    /// <summary>
    /// listVirtualMachinesMetrics: the VMs as listVirtualMachines gives them plus the metrics fields (CloudStack's
    /// VmMetricsResponse): cputotal ("N.NN Ghz"), memorytotal ("N.NN GB"), networkread/networkwrite and diskread/diskwrite
    /// ("N.NN MB"), diskiopstotal, and of a running VM its latest stats (cpuused "N.NN%", memory and I/O in KiB).
    /// </summary>
    private JsonObject ListVmMetrics(FakeCall call) => Page(
        call,
        _vms.Where(v => call.ListAll || v.Account == FakeSeed.Account)
            .Where(v => call.Get("id") is not { } id || v.Id == id)
            .Where(v => call.Get("ids") is not { } ids || ids.Split(',').Contains(v.Id))
            .Where(v => call.Get("name") is not { } name || string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            .Where(v => call.Get("state") is not { } state || string.Equals(v.State, state, StringComparison.OrdinalIgnoreCase))
            .Where(v => call.Get("zoneid") is not { } zone || v.ZoneId == zone)
            .Select(v => Metrics(v, _vms.IndexOf(v)))
            .Where(v => Matches(v, call, "name", "displayname")),
        "virtualmachine");

    private JsonObject Metrics(FakeVm vm, int n)
    {
        var json = vm.ToJson(this);
        var offering = Offering(vm.OfferingId);
        var memoryMb = offering?["memory"]?.GetValue<int>() ?? 1024;
        var cpus = offering?["cpunumber"]?.GetValue<int>() ?? 1;
        var speed = offering?["cpuspeed"]?.GetValue<int>() ?? 1000;
        json["cputotal"] = (cpus * speed / 1000.0).ToString("0.00", CultureInfo.InvariantCulture) + " Ghz";
        json["memorytotal"] = (memoryMb / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " GB";
        var running = vm.State == "Running";
        long read = running ? 2048 : 0, write = running ? 1024 : 0;
        json["networkkbsread"] = read;
        json["networkkbswrite"] = write;
        json["networkread"] = (read / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
        json["networkwrite"] = (write / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
        json["diskkbsread"] = read * 5;
        json["diskkbswrite"] = write * 5;
        json["diskread"] = (read * 5 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
        json["diskwrite"] = (write * 5 / 1024.0).ToString("0.00", CultureInfo.InvariantCulture) + " MB";
        json["diskioread"] = running ? 300 : 0;
        json["diskiowrite"] = running ? 200 : 0;
        json["diskiopstotal"] = running ? 500 : 0;
        if (running)
        {
            var memory = memoryMb * 1024L;
            json["cpuused"] = (10 + (10 * n)).ToString("0.00", CultureInfo.InvariantCulture) + "%";
            json["memorykbs"] = memory;
            json["memoryintfreekbs"] = memory / 4;
            json["memorytargetkbs"] = memory;
        }

        return json;
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
