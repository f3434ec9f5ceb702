using Bastion.Core.Logs;

namespace Bastion.Core.Tests.Logs;

public sealed class TimedLinesTests
{
    private static readonly HostClock Utc = new(new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero), TimeSpan.Zero);

    private static TimeWindow Window(string since, string until) => TimeWindow.Parse(since, until, Utc.Now);

    [Fact]
    public void Filter_KeepsAStackTraceWithTheEntryItContinues()
    {
        var lines = Fixture.Read("logs/app-python").TrimEnd('\n').Split('\n');
        var kept = TimedLines.Filter(lines, Window("2026-12-06T06:07:18.777Z", "2026-12-06T06:07:18.777Z"), Utc);
        kept.Lines.ShouldBe([
            "2026-12-06 06:07:18,777 ERROR worker: job 41 failed",
            "Traceback (most recent call last):",
            "  File \"<stdin>\", line 6, in <module>",
            "KeyError: 'missing'",
            "2026-12-06 06:07:18,777 INFO worker: job 42 started",
        ]);
        kept.First.ShouldBe(new DateTimeOffset(2026, 12, 6, 6, 7, 18, 777, TimeSpan.Zero));
        kept.EarliestSeen.ShouldBe(new DateTimeOffset(2026, 12, 6, 6, 7, 18, 776, TimeSpan.Zero));
    }

    [Fact]
    public void Filter_CutsTheJournalToTheWindow()
    {
        var lines = Fixture.Read("logs/journal-short-iso").TrimEnd('\n').Split('\n');
        var kept = TimedLines.Filter(lines, Window("2026-12-06T06:07:13Z", "2026-12-06T06:07:13Z"), Utc);
        kept.Lines.ShouldHaveSingleItem().ShouldContain("request 2");
        kept.First.ShouldBe(kept.Last);
    }

    [Fact]
    public void Filter_DropsLinesOfUnknownTime_OnlyWhenTheWindowHasAStart()
    {
        string[] lines = ["orphan continuation", "Dec  6 06:06:23 vm cron: x"];
        TimedLines.Filter(lines, Window("-2h", "now"), Utc).Lines.ShouldBe(["Dec  6 06:06:23 vm cron: x"]);
        TimedLines.Filter(lines, Window(string.Empty, "now"), Utc).Lines.Count.ShouldBe(2);
    }
}
