using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>Verification of a 30-entry log in several rotated files, intact and after each kind of tampering.</summary>
public sealed class AuditVerifyTests : IDisposable
{
    private const int Count = 30;

    private readonly AuditTestLog _test = new(maxFileBytes: 1500);

    public AuditVerifyTests() => _test.FillAsync(Count).GetAwaiter().GetResult();

    public void Dispose() => _test.Dispose();

    private IReadOnlyList<string> Files => _test.Files();

    private string Active => _test.ActivePath;

    private string RotatedName(int index) => Path.GetFileName(Files[index]);

    private Task<AuditVerification> VerifyAsync() => AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

    private static void Edit(string path, Action<List<string>> edit)
    {
        var lines = AuditTestLog.Lines(path);
        edit(lines);
        AuditTestLog.WriteLines(path, lines);
    }

    private async Task<string> ProblemAsync()
    {
        var verification = await VerifyAsync();
        verification.Ok.ShouldBeFalse();
        return verification.Problem.ShouldNotBeNull();
    }

    [Fact]
    public async Task AnIntactLog_Verifies_WithItsEntryAndFileCounts()
    {
        Files.Count.ShouldBeGreaterThanOrEqualTo(4);
        (await VerifyAsync()).ShouldBe(new AuditVerification(true, Count, Files.Count, null, "keyed with 1 audit key(s)"));
    }

    [Fact]
    public async Task AnEditedEntry_IsAHashMismatch_AtItsLine()
    {
        var file = Files[1];
        Edit(file, lines => lines[1] = lines[1].Replace("\"principal\":\"alice\"", "\"principal\":\"mallory\"", StringComparison.Ordinal)
            .Replace("\"principal\":\"bob\"", "\"principal\":\"mallory\"", StringComparison.Ordinal));

        (await ProblemAsync()).ShouldStartWith($"{Path.GetFileName(file)} line 2: hash mismatch");
    }

    [Fact]
    public async Task AnEditedEntry_WithItsHashRecomputedWithoutTheKey_IsAHashMismatch()
    {
        Edit(Active, lines => lines[1] = AuditTestLog.Reseal(lines[1].Replace("\"principal\":\"", "\"principal\":\"x", StringComparison.Ordinal)));

        (await ProblemAsync()).ShouldBe("audit.jsonl line 2: hash mismatch: the entry was changed after it was written (a hash recomputed without the audit key does not match).");
    }

    [Fact]
    public async Task AnEditedEntry_WithItsHashRecomputedWithTheKey_BreaksTheNextEntrysPrev()
    {
        Edit(Active, lines => lines[1] = _test.ResealWithKey(lines[1].Replace("\"principal\":\"", "\"principal\":\"x", StringComparison.Ordinal)));

        (await ProblemAsync()).ShouldStartWith("audit.jsonl line 3: prev does not match the hash of entry");
    }

    [Fact]
    public async Task TheLastEntry_EditedWithItsHashRecomputedWithTheKey_DoesNotMatchTheHead()
    {
        var last = 0;
        Edit(Active, lines =>
        {
            lines[^1] = _test.ResealWithKey(lines[^1].Replace("\"principal\":\"", "\"principal\":\"x", StringComparison.Ordinal));
            last = lines.Count;
        });

        (await ProblemAsync()).ShouldBe($"audit.jsonl line {last}: the last entry ({Count}) does not have the hash audit.head records: it was replaced.");
    }

    [Fact]
    public async Task ADeletedEntry_IsASeqGap_AtTheLineAfterIt()
    {
        long deleted = 0;
        Edit(Active, lines =>
        {
            deleted = System.Text.Json.JsonDocument.Parse(lines[1]).RootElement.GetProperty("seq").GetInt64();
            lines.RemoveAt(1);
        });

        (await ProblemAsync()).ShouldBe($"audit.jsonl line 2: seq {deleted + 1} where seq {deleted} was expected: entries were deleted or reordered.");
    }

    [Fact]
    public async Task ReorderedEntries_AreReported_AtTheFirstOutOfPlaceLine()
    {
        Edit(Active, lines => (lines[1], lines[2]) = (lines[2], lines[1]));

        (await ProblemAsync()).ShouldStartWith("audit.jsonl line 2: seq ");
    }

    [Fact]
    public async Task ARepeatedEntry_IsOutOfOrder()
    {
        Edit(Active, lines => lines.Insert(2, lines[1]));

        (await ProblemAsync()).ShouldEndWith("entries are out of order or repeated.");
        (await ProblemAsync()).ShouldStartWith("audit.jsonl line 3: seq ");
    }

    [Fact]
    public async Task APartialLastLine_IsReported_AtItsLine()
    {
        var lines = AuditTestLog.Lines(Active);
        File.WriteAllText(Active, string.Concat(lines.SkipLast(1).Select(l => l + "\n")) + lines[^1][..^20]);

        (await ProblemAsync()).ShouldStartWith($"audit.jsonl line {lines.Count}: partial line: the file does not end with a newline");
    }

    [Fact]
    public async Task ADeletedLastEntry_IsCaughtByTheHead()
    {
        var lines = AuditTestLog.Lines(Active);
        AuditTestLog.WriteLines(Active, lines.SkipLast(1));

        (await ProblemAsync()).ShouldBe($"audit.jsonl line {lines.Count}: entry {Count} is missing: audit.head records entry {Count} as the last one, so entries were deleted from the end or the file was truncated.");
    }

    [Fact]
    public async Task ATruncatedFile_IsCaughtByTheHead()
    {
        var lines = AuditTestLog.Lines(Active);
        AuditTestLog.WriteLines(Active, lines.Take(1));

        (await ProblemAsync()).ShouldStartWith($"audit.jsonl line 2: entry {Count - lines.Count + 2} is missing: audit.head records entry {Count}");
    }

    [Fact]
    public async Task ADeletedActiveFile_IsCaughtByTheHead()
    {
        File.Delete(Active);

        (await ProblemAsync()).ShouldEndWith("entries were deleted from the end or the file was truncated or deleted.");
    }

    [Fact]
    public async Task AMissingRotatedFile_IsASeqGap_AtTheStartOfTheNextFile()
    {
        var next = RotatedName(2);
        File.Delete(Files[1]);

        (await ProblemAsync()).ShouldMatch($@"^{next.Replace(".", @"\.", StringComparison.Ordinal)} line 1: seq \d+ where seq \d+ was expected: entries \d+ to \d+ are missing \(a rotated file was deleted\?\)\.$");
    }

    [Fact]
    public async Task AMissingOldestFile_IsASeqGap_AtTheStartOfTheLog()
    {
        var next = RotatedName(1);
        File.Delete(Files[0]);

        (await ProblemAsync()).ShouldStartWith($"{next} line 1: seq ");
        (await ProblemAsync()).ShouldContain("entries 1 to");
    }

    [Fact]
    public async Task EntriesRemovedFromTheEndOfARotatedFile_AreReported_ThereNotInTheNextFile()
    {
        var name = RotatedName(0);
        var lines = AuditTestLog.Lines(Files[0]);
        AuditTestLog.WriteLines(Files[0], lines.SkipLast(1));

        (await ProblemAsync()).ShouldStartWith($"{name} line {lines.Count}: the file's name says it ends with entry");
    }

    [Theory]
    [InlineData("hello world", "not JSON")]
    [InlineData("", "empty line")]
    [InlineData("{\"seq\":3}", "the entry does not end with its hash")]
    public async Task ALineThatIsNotAnEntry_IsReported_AtItsLine(string inserted, string problem)
    {
        Edit(Active, lines => lines.Insert(2, inserted));

        (await ProblemAsync()).ShouldStartWith($"audit.jsonl line 3: {problem}");
    }

    [Fact]
    public async Task AMissingHead_IsReported()
    {
        File.Delete(_test.HeadPath);

        (await ProblemAsync()).ShouldBe($"audit.head line 1: audit.head is missing although the log holds {Count} entries: it was deleted.");
    }

    [Fact]
    public async Task AnUnreadableHead_IsReported()
    {
        File.WriteAllText(_test.HeadPath, "{\"seq\":\"thirty\"}");

        (await ProblemAsync()).ShouldStartWith("audit.head line 1: audit.head is not valid");
    }

    [Fact]
    public async Task AHeadTwoEntriesBehind_IsReported()
    {
        var lines = AuditTestLog.Lines(Active);
        var third = System.Text.Json.JsonDocument.Parse(lines[^3]).RootElement;
        _test.WriteHead(third.GetProperty("seq").GetInt64(), third.GetProperty("hash").GetString()!);

        (await ProblemAsync()).ShouldContain($"audit.head records entry {Count - 2} but the log goes on to entry {Count}");
    }

    [Fact]
    public async Task AMissingOrEmptyDirectory_IsReported_ButANewLogIsEmptyAndFine()
    {
        (await AuditLog.VerifyAsync(Path.Combine(_test.Directory, "nowhere"), CancellationToken.None)).Ok.ShouldBeFalse();
        var empty = Directory.CreateDirectory(Path.Combine(_test.Directory, "empty", "audit")).FullName;
        (await AuditLog.VerifyAsync(empty, CancellationToken.None)).Problem.ShouldBe(
            "audit.head line 1: audit.head is missing and there are no entries: the log was deleted (a log that was never written still has a head, with seq 0, from its creation).");

        using (var log = new AuditLog(new AuditOptions { Directory = empty }, TimeProvider.System))
        {
            await log.EnsureWritableAsync(CancellationToken.None);
        }

        (await AuditLog.VerifyAsync(empty, CancellationToken.None)).ShouldBe(new AuditVerification(true, 0, 0, null, "keyed with 1 audit key(s)"));
    }
}
