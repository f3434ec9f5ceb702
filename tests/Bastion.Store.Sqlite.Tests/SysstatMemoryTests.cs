using Bastion.Core.Execution;
using Bastion.Core.History;
using Bastion.Core.History.Sysstat;
using Bastion.Core.Inventory;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A host's "no sysstat data" answer is remembered for a while (a clock the test moves), so rankings stop
/// starting sadf on it each call; real sadf on the local host, real sadc files.</summary>
public sealed class SysstatMemoryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task NoDataFiles_IsRemembered_ForItsMemory_ThenTheHostIsAskedAgain()
    {
        using var sar = await SarData.CreateAsync(samples: 2);
        var file = Directory.GetFiles(sar.Directory).Single();
        File.Move(file, file + ".held");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var runners = new CountingRunners();
        var source = new SysstatHistorySource(runners, new HistoryOptions { SysstatDirectories = [sar.Directory] }, clock);
        var now = DateTimeOffset.UtcNow;
        var query = new SourceQuery(["cpu."], null, now.AddMinutes(-10), now.AddMinutes(1), TimeSpan.FromSeconds(1));

        var first = await source.ReadAsync(Host.Local, query, None);
        var again = await source.ReadAsync(Host.Local, query, None);

        first.Series.ShouldBeEmpty();
        first.Note!.ShouldContain("keeps no data files for this window");
        again.Note.ShouldBe(first.Note);
        runners.Runs.ShouldBe(1, "the second call reuses the first's answer: no sadf started");

        // Data appearing within the memory shows once it has passed.
        File.Move(file + ".held", file);
        clock.Advance(SysstatHistorySource.NoDataMemory - TimeSpan.FromSeconds(1));
        (await source.ReadAsync(Host.Local, query, None)).Series.ShouldBeEmpty();
        runners.Runs.ShouldBe(1);
        clock.Advance(TimeSpan.FromSeconds(1));
        var later = await source.ReadAsync(Host.Local, query, None);
        later.Series.ShouldContain(s => s.Metric == "cpu.busy_percent");
        runners.Runs.ShouldBe(2);

        // An answer with data is never reused.
        (await source.ReadAsync(Host.Local, query, None)).Series.ShouldNotBeEmpty();
        runners.Runs.ShouldBe(3);
    }

    [Fact]
    public async Task NoDataFiles_IsRemembered_PerHostAndWindowDays()
    {
        var empty = Directory.CreateTempSubdirectory("bastion-nosar-").FullName;
        try
        {
            // Noon UTC: the days' files of a window reach 14 hours either side of it (time zones), so both windows of
            // "today" name the same days whatever the time the test runs (at 14:30-15:00 UTC the hour before now
            // would reach back one day further than the half hour before it).
            var now = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
            var clock = new FakeTimeProvider(now);
            var runners = new CountingRunners();
            var source = new SysstatHistorySource(runners, new HistoryOptions { SysstatDirectories = [empty] }, clock);
            var today = new SourceQuery(["cpu."], null, now.AddHours(-1), now, TimeSpan.FromMinutes(1));
            var lastWeek = today with { From = now.AddDays(-8), To = now.AddDays(-7) };
            var other = Host.Local with { Name = "local-2" };

            await source.ReadAsync(Host.Local, today, None);
            await source.ReadAsync(Host.Local, today with { From = now.AddMinutes(-30) }, None);
            runners.Runs.ShouldBe(1, "the same days' files: remembered");
            await source.ReadAsync(Host.Local, lastWeek, None);
            await source.ReadAsync(other, today, None);
            runners.Runs.ShouldBe(3, "other files, or another host, are asked");
        }
        finally
        {
            Directory.Delete(empty, recursive: true);
        }
    }

    /// <summary>The real local runner, counting how often one is asked for (once per sadf round trip).</summary>
    private sealed class CountingRunners : IRunnerProvider
    {
        public int Runs { get; private set; }

        public IHostRunner For(Host host)
        {
            Runs++;
            return new LocalRunner(host.Name);
        }
    }
}
