using Bastion.Core.History;
using Bastion.Ssh;
using Bastion.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>sar fill-in over SSH: two real sshd hosts on 127.0.0.181-182 (address base 180, this suite's own).</summary>
public sealed class SysstatFleetTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly LoopbackFleet _fleet = new(addressBase: 180);
    private readonly SshOptions _ssh = new() { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };
    private SarData _sar = null!;
    private HistoryHarness _harness = null!;

    public async Task InitializeAsync()
    {
        _sar = await SarData.CreateAsync(samples: 3);
        await _fleet.StartAsync(2);
        var hosts = Enumerable.Range(1, 2).Select(i => _fleet.Host(i, ["sar"])).ToList();
        _harness = await HistoryHarness.StartAsync(hosts, new HistoryOptions { Interval = TimeSpan.FromSeconds(1), SysstatDirectories = [_sar.Directory] }, _ssh);
        await _harness.PinHostKeysAsync(hosts, _ssh);
    }

    public async Task DisposeAsync()
    {
        await _fleet.StopAsync(_harness.Paths.ControlDirectory);
        await _harness.DisposeAsync();
        _sar.Dispose();
    }

    [Fact]
    public async Task MetricsHistoryAndTop_FillTheWindowBeforeTheFirstTick_FromSarOverSsh()
    {
        await _harness.Collector.TickAsync(None);
        await Task.Delay(1000);
        await _harness.Collector.TickAsync(None);

        var history = await CollectorLocalTests.CallAsync(_harness.Client, "metrics_history", new() { ["target"] = "@sar", ["metrics"] = "cpu,memory", ["since"] = "-5m" });
        var hosts = history.GetProperty("hosts").EnumerateArray().ToList();
        hosts.Select(h => h.GetProperty("host").GetString()).ShouldBe(["host01", "host02"]);
        hosts.ForEach(SysstatFillTests.ShouldBeFilledFromSar);

        var top = await CollectorLocalTests.CallAsync(_harness.Client, "metrics_top", new() { ["metric"] = "memory", ["target"] = "@sar", ["window"] = "5m" });
        top.GetProperty("ranked").GetInt32().ShouldBe(2);
        top.GetProperty("hosts").EnumerateArray().ShouldAllBe(e => e.GetProperty("source").GetString() == "bastion-collector+sysstat");
    }
}
