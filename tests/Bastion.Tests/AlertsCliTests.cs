using Bastion.Core.Alerts;
using Bastion.Store.Sqlite;
using Microsoft.Data.Sqlite;

namespace Bastion.Tests;

/// <summary><c>bastion alerts</c> on an alert store holding one firing and one resolved alert.</summary>
public sealed class AlertsCliTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-alerts-cli-").FullName;

    public async Task InitializeAsync()
    {
        var now = DateTimeOffset.UtcNow;
        using (var store = new SqliteAlertStore(Path.Combine(_data, SqliteStoreSetup.HistoryFile)))
        {
            await store.FireAsync(new AlertEvent(0, "disk-full", "local", "critical", AlertEvent.Firing, "disk.used_percent[*]", ">= 90", 93.5, now.AddMinutes(-5), null, null), CancellationToken.None);
            var old = await store.FireAsync(new AlertEvent(0, "memory-high", "local", "warning", AlertEvent.Firing, "memory.used_percent", "min over 10m >= 95", 97, now.AddHours(-3), null, null), CancellationToken.None);
            await store.ResolveAsync(old.Id, now.AddHours(-2), 60, CancellationToken.None);
        }

        SqliteConnection.ClearAllPools();
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_data, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Alerts_PrintsTheFiringAlerts_ByDefault()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "alerts");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("1 firing now");
        var row = stdout.Split('\n').Single(l => l.Contains("│ firing "));
        row.ShouldContain("│ critical ");
        row.ShouldContain("│ disk-full ");
        row.ShouldContain("│ 93.5 ");
        stdout.ShouldNotContain("memory-high");
    }

    [Fact]
    public async Task Alerts_PrintsResolvedAlertsToo_WithAll_AndHonoursSince()
    {
        var all = await BastionProcess.RunInAsync(_data, "alerts", "--all");
        all.ExitCode.ShouldBe(0, all.Stderr);
        all.Stdout.Split('\n').Single(l => l.Contains("memory-high")).ShouldStartWith("│ resolved ");

        var recent = await BastionProcess.RunInAsync(_data, "alerts", "--all", "--since", "-1h");
        recent.Stdout.ShouldNotContain("memory-high");
        recent.Stdout.ShouldContain("disk-full");

        var bad = await BastionProcess.RunInAsync(_data, "alerts", "--since", "yesterday-ish");
        bad.ExitCode.ShouldBe(1);
        bad.Stderr.ShouldContain("since 'yesterday-ish' is not a time. Accepted:");
    }
}
