using Bastion.Core.Alerts;
using Bastion.Core.History;
using Bastion.Store.Postgres.History;

namespace Bastion.Store.Postgres.Tests.History;

/// <summary>The history store contract against the shared store: each test a tenant of its own on one migrated database.</summary>
public sealed class PostgresHistoryContractTests(TestDatabase database) : HistoryStoreContract, IClassFixture<TestDatabase>
{
    protected override async Task<(IHistoryStore History, IAlertStore Alerts)> CreateAsync(HistoryOptions options, TimeProvider clock)
    {
        var store = database.Store();
        await store.MigrateAsync(null, CancellationToken.None);
        var tenant = "t" + Guid.NewGuid().ToString("N")[..8];
        return (new PostgresHistoryStore(store, tenant, options, clock), new PostgresAlertStore(store, tenant));
    }

    [PostgresFact]
    public async Task History_OfOneTenant_IsNotSeenByAnother()
    {
        var clock = new ManualClock(Start);
        var (acme, acmeAlerts) = await CreateAsync(new HistoryOptions(), clock);
        var (globex, globexAlerts) = await CreateAsync(new HistoryOptions(), clock);
        await acme.WriteAsync([new HostTick("web-01", Start, TickStatus.Ok, null, [new MetricValue("cpu.busy_percent", "", 50)], [new ProcessSample(1, "init", 0, 10)], [])], CancellationToken.None);
        await acmeAlerts.FireAsync(new AlertEvent(0, "cpu-hot", "web-01", "warning", AlertEvent.Firing, "cpu.busy_percent", "last over 0s >= 40", 50, Start, null, null), CancellationToken.None);
        await acme.MaintainAsync(CancellationToken.None);

        (await globex.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, Start, Start.AddHours(1), TimeSpan.FromMinutes(1)), CancellationToken.None)).ShouldBeEmpty();
        (await globex.TicksAsync("web-01", Start, Start.AddHours(1), CancellationToken.None)).ShouldBeEmpty();
        (await globex.ProcessesAsync("web-01", Start, Start.AddHours(1), 10, CancellationToken.None)).ShouldBeEmpty();
        (await globex.InfoAsync(CancellationToken.None)).Newest.ShouldBeNull();
        (await globexAlerts.ListAsync(new AlertQuery("all", null, null, 10), CancellationToken.None)).Total.ShouldBe(0);
        (await globexAlerts.FiringAsync(CancellationToken.None)).ShouldBeEmpty();
        (await acme.SeriesAsync(new SeriesQuery("web-01", "cpu.", null, Start, Start.AddHours(1), TimeSpan.FromMinutes(1)), CancellationToken.None)).ShouldHaveSingleItem();
    }
}
