using Bastion.Core.Logs;

namespace Bastion.Core.Tests.Logs;

public sealed class LogTimestampTests
{
    // The fixtures were captured on 2026-12-06 from real programs: rsyslogd 8.2302 (three templates), journalctl 252
    // reading a journal written by systemd-journal-remote, nginx 1.22, Apache 2.4 and Python's logging module.
    private static readonly HostClock Utc = new(new DateTimeOffset(2026, 12, 6, 7, 0, 0, TimeSpan.Zero), TimeSpan.Zero);

    private static DateTimeOffset At(int hour, int minute, int second) => new(2026, 12, 6, hour, minute, second, TimeSpan.Zero);

    [Theory]
    [InlineData("logs/syslog-rfc3164", 6, 6, 23)]
    [InlineData("logs/syslog-iso", 6, 6, 23)]
    [InlineData("logs/syslog-rfc5424", 6, 6, 23)]
    [InlineData("logs/journal-short-iso", 6, 7, 12)]
    [InlineData("logs/nginx-access", 6, 6, 31)]
    [InlineData("logs/nginx-error", 6, 6, 30)]
    [InlineData("logs/apache-access", 6, 6, 34)]
    [InlineData("logs/apache-error", 6, 6, 34)]
    [InlineData("logs/app-python", 6, 7, 18)]
    public void Read_PlacesTheFirstLineOfEachFormat_ToTheSecond(string fixture, int hour, int minute, int second)
    {
        var first = Fixture.Read(fixture).Split('\n')[0];
        var stamp = LogTimestamp.Read(first, Utc).ShouldNotBeNull();
        new DateTimeOffset(stamp.Year, stamp.Month, stamp.Day, stamp.Hour, stamp.Minute, stamp.Second, TimeSpan.Zero).ShouldBe(At(hour, minute, second));
        stamp.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Read_KeepsFractionsOfASecond()
    {
        LogTimestamp.Read("2026-12-06T06:06:23.639864+00:00 vm sshd[22019]: Accepted", Utc).ShouldBe(At(6, 6, 23).AddTicks(6398640));
        LogTimestamp.Read("2026-12-06 06:07:18,776 INFO worker: job 41 started", Utc).ShouldBe(At(6, 7, 18).AddMilliseconds(776));
    }

    [Fact]
    public void Read_UsesTheStampsZone_AndTheHostsOffsetWhenTheStampHasNone()
    {
        var berlin = new HostClock(Utc.Now, TimeSpan.FromHours(1));
        LogTimestamp.Read("2026-12-06T07:06:23+01:00 vm cron: x", berlin).ShouldBe(At(6, 6, 23));
        LogTimestamp.Read("2026-12-06T06:06:23Z vm cron: x", berlin).ShouldBe(At(6, 6, 23));
        LogTimestamp.Read("Dec  6 07:06:23 vm cron: x", berlin).ShouldBe(At(6, 6, 23));
        LogTimestamp.Read("2026/12/06 07:06:31 [error] 1#1: x", berlin).ShouldBe(At(6, 6, 31));
        LogTimestamp.Read("[Sun Dec 06 07:06:34 2026] [core:error] x", berlin).ShouldBe(At(6, 6, 34));
        LogTimestamp.Read("127.0.0.1 - - [06/Dec/2026:07:06:31 +0100] \"GET / HTTP/1.1\" 200 3", Utc).ShouldBe(At(6, 6, 31));
    }

    [Fact]
    public void Read_PutsAYearlessStampInLastYear_WhenThisYearWouldBeInTheFuture()
    {
        var newYear = new HostClock(new DateTimeOffset(2027, 1, 1, 0, 10, 0, TimeSpan.Zero), TimeSpan.Zero);
        LogTimestamp.Read("Dec 31 23:59:58 vm cron: x", newYear).ShouldBe(new DateTimeOffset(2026, 12, 31, 23, 59, 58, TimeSpan.Zero));
        LogTimestamp.Read("Jan  1 00:09:00 vm cron: x", newYear).ShouldBe(new DateTimeOffset(2027, 1, 1, 0, 9, 0, TimeSpan.Zero));
    }

    [Theory]
    [InlineData("Traceback (most recent call last):")]
    [InlineData("  File \"<stdin>\", line 6, in <module>")]
    [InlineData("")]
    [InlineData("2026-13-45T99:00:00Z impossible date")]
    [InlineData("Dec 32 06:06:23 vm no such day")]
    [InlineData("12345 2026-12-06T06:06:23Z not leading")]
    [InlineData("2026-12-06T06:06:23+25:00 offset out of range")]
    public void Read_FindsNoStamp_WhereTheLineDoesNotStartWithOne(string line) =>
        LogTimestamp.Read(line, Utc).ShouldBeNull();

    [Theory]
    [InlineData("Z", 0)]
    [InlineData("+0100", 60)]
    [InlineData("+01:00", 60)]
    [InlineData("-0530", -330)]
    [InlineData("-05", -300)]
    public void Offset_ReadsTheFormsLogsWrite(string text, int minutes) =>
        LogTimestamp.Offset(text).ShouldBe(TimeSpan.FromMinutes(minutes));

    [Fact]
    public void HostClock_ParsesDatesOutput_AndRejectsAnythingElse()
    {
        var clock = HostClock.Parse("1796536800 +0100\n");
        clock.Offset.ShouldBe(TimeSpan.FromHours(1));
        clock.Now.ToUnixTimeSeconds().ShouldBe(1796536800);
        Should.Throw<FormatException>(() => HostClock.Parse("date: invalid option"));
    }
}
