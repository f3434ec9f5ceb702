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
}
