using Bastion.Core.Execution;
using Bastion.Core.Logs;

namespace Bastion.Core.Tests.Collectors;

public sealed class LogReaderTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("bastion-logs-").FullName;
    private readonly LocalRunner _local = new();
    private readonly LogReader _reader;

    public LogReaderTests()
    {
        _reader = new LogReader(new LogsOptions { AllowedRoots = [_root] }, new Bastion.Core.Policy.PathGuard(null, null));
        File.WriteAllLines(Path.Combine(_root, "app.log"), ["one ok", "two ERROR disk", "three ok", "four error net", "five ok"]);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private Task<LogTail> Tail(string? path, string? pattern = null, bool ignoreCase = false, int limit = 100) =>
        _reader.TailAsync(_local, new LogQuery(path, null, pattern, ignoreCase, limit), CancellationToken.None);

    [Fact]
    public async Task Tail_ReturnsTheLastLines_AndSaysOlderOnesExist()
    {
        var tail = await Tail(Path.Combine(_root, "app.log"), limit: 2);
        tail.Lines.ShouldBe(["four error net", "five ok"]);
        tail.Truncated.ShouldBeTrue();
        tail.Source.ShouldBe(Path.Combine(_root, "app.log"));
    }

    [Fact]
    public async Task Tail_ReturnsEverything_WhenTheFileIsShorterThanTheLimit()
    {
        var tail = await Tail(Path.Combine(_root, "app.log"), limit: 5);
        tail.Lines.Count.ShouldBe(5);
        tail.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task Tail_FiltersOnTheHost_CaseSensitiveOrNot()
    {
        (await Tail(Path.Combine(_root, "app.log"), "error")).Lines.ShouldBe(["four error net"]);
        (await Tail(Path.Combine(_root, "app.log"), "error", ignoreCase: true)).Lines.ShouldBe(["two ERROR disk", "four error net"]);
        (await Tail(Path.Combine(_root, "app.log"), "nothing-matches")).Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task Tail_RejectsABadPattern_WithGrepsReason()
    {
        var e = await Should.ThrowAsync<BastionException>(Tail(Path.Combine(_root, "app.log"), "(unclosed"));
        e.Message.ShouldContain("regular expression");
    }

    [Fact]
    public async Task Tail_CutsVeryLongLines_WithAMarker()
    {
        File.WriteAllText(Path.Combine(_root, "long.log"), new string('x', 5000) + "\n");
        var line = (await Tail(Path.Combine(_root, "long.log"))).Lines.Single();
        line.Length.ShouldBeLessThan(2100);
        line.ShouldEndWith("…[3000 more characters]");
    }

    [Fact]
    public async Task Tail_RefusesASymlinkThatLeavesTheRoot()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "escape.log"), "/etc/passwd");
        var e = await Should.ThrowAsync<BastionException>(Tail(Path.Combine(_root, "escape.log")));
        e.Message.ShouldContain("resolves to '/etc/passwd'");
    }

    [Theory]
    [InlineData("/etc/shadow", "outside what the logs tools may read")]
    [InlineData("relative.log", "not absolute")]
    [InlineData("", "1 to 4096 characters")]
    [InlineData("/x/../etc/passwd", "contains '..'")]
    [InlineData("/var/log/a\0b", "control character")]
    public void Normalize_RejectsPathsOutsideTheRoots(string path, string reason) =>
        Should.Throw<BastionException>(() => LogPath.Normalize(path, ["/var/log"])).Message.ShouldContain(reason);

    [Fact]
    public void Normalize_FoldsSlashesAndDots() =>
        LogPath.Normalize("/var//log/./nginx/error.log", ["/var/log"]).ShouldBe("/var/log/nginx/error.log");

    [Fact]
    public void Normalize_DoesNotMistakeASiblingForTheRoot() =>
        Should.Throw<BastionException>(() => LogPath.Normalize("/var/logger/x", ["/var/log"]));

    [Fact]
    public async Task Tail_SaysWhenTheFileIsMissing()
    {
        var e = await Should.ThrowAsync<BastionException>(Tail(Path.Combine(_root, "nope.log")));
        e.Message.ShouldContain("does not exist");
    }

    [Fact]
    public async Task Tail_RefusesUnitWithPath_AndBadUnitNames()
    {
        (await Should.ThrowAsync<BastionException>(_reader.TailAsync(_local, new LogQuery(Path.Combine(_root, "app.log"), "ssh.service", null, false, 10), CancellationToken.None)))
            .Message.ShouldContain("cannot be combined");
        (await Should.ThrowAsync<BastionException>(_reader.TailAsync(_local, new LogQuery(null, "ssh; reboot", null, false, 10), CancellationToken.None)))
            .Message.ShouldContain("not a systemd unit name");
    }

    // An nginx error log written in local time over the last three hours, one entry every ten minutes, each error
    // entry followed by an unstamped continuation line.
    private string WriteTimedLog()
    {
        var now = DateTimeOffset.Now;
        var lines = new List<string>();
        for (var minutes = 180; minutes >= 0; minutes -= 10)
        {
            var local = now.AddMinutes(-minutes).ToLocalTime();
            var level = minutes % 30 == 0 ? "error" : "notice";
            lines.Add($"{local:yyyy'/'MM'/'dd HH:mm:ss} [{level}] 7#7: *{minutes} {(level == "error" ? "upstream timed out" : "worker ok")} {minutes} minutes ago");
            if (level == "error")
            {
                lines.Add("    while reading response header from upstream");
            }
        }

        var path = Path.Combine(_root, "error.log");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Tail_KeepsOnlyTheWindow_WithContinuationLines()
    {
        var path = WriteTimedLog();
        var window = TimeWindow.Parse("-25m", "now", DateTimeOffset.UtcNow);
        var tail = await _reader.TailAsync(_local, new LogQuery(path, null, null, false, 100, window), CancellationToken.None);
        tail.Lines.ShouldBe([
            tail.Lines[0], // 20 minutes ago (notice)
            tail.Lines[1], // 10 minutes ago (notice)
            tail.Lines[2], // now (error)
            "    while reading response header from upstream",
        ]);
        tail.Lines[0].ShouldEndWith("20 minutes ago");
        tail.Lines[2].ShouldEndWith(" 0 minutes ago");
        tail.Truncated.ShouldBeFalse();
    }

    [Fact]
    public async Task Search_CountsMatchesInTheWindow_WithTheFirstAndLastTimes()
    {
        var path = WriteTimedLog();
        var window = TimeWindow.Parse("-95m", "-5m", DateTimeOffset.UtcNow);
        var search = await _reader.SearchAsync(_local, new LogQuery(path, null, "timed out", false, 2, window), CancellationToken.None);
        search.Matches.ShouldBe(3); // the errors 90, 60 and 30 minutes ago; "now" is past the window
        search.MatchesAtLeast.ShouldBeFalse();
        search.Lines.Count.ShouldBe(2);
        search.Lines[^1].ShouldEndWith("30 minutes ago");
        search.Truncated.ShouldBeTrue();
        var span = search.LastMatchAt!.Value - search.FirstMatchAt!.Value;
        span.TotalMinutes.ShouldBe(60, tolerance: 0.1);
        search.Note.ShouldBeNull();
    }

    [Fact]
    public async Task Search_RequiresAPattern()
    {
        var e = await Should.ThrowAsync<BastionException>(_reader.SearchAsync(_local, new LogQuery(WriteTimedLog(), null, null, false, 5), CancellationToken.None));
        e.Message.ShouldContain("pattern is required");
    }

    [Fact]
    public async Task Search_SaysWhenTheWindowReachesPastWhatWasRead()
    {
        var path = Path.Combine(_root, "busy.log");
        var start = DateTimeOffset.UtcNow.AddHours(-1);
        File.WriteAllLines(path, Enumerable.Range(0, LogReader.ScanLines + 500).Select(i => $"{start.AddMilliseconds(i * 100):yyyy-MM-dd'T'HH:mm:ss.fff'Z'} error {i}"));
        var search = await _reader.SearchAsync(_local, new LogQuery(path, null, "error", false, 1, TimeWindow.Parse("-2h", null, DateTimeOffset.UtcNow)), CancellationToken.None);
        search.Matches.ShouldBe(LogReader.ScanLines);
        search.MatchesAtLeast.ShouldBeTrue();
        search.Note.ShouldNotBeNull().ShouldContain($"only the last {LogReader.ScanLines} lines were read");
        search.Lines.ShouldHaveSingleItem().ShouldEndWith($"error {LogReader.ScanLines + 499}");
    }
}
