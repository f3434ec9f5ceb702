using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

public sealed class AuditLogTests : IDisposable
{
    private const string Zeros = "0000000000000000000000000000000000000000000000000000000000000000";

    private readonly AuditTestLog _test = new();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task Append_WritesOneChainedLinePerEntry_HashedOverTheLineWithoutItsHash()
    {
        using var log = _test.Open();
        var first = await log.AppendAsync(AuditTestLog.Call(1), CancellationToken.None);
        _test.Clock.Advance(TimeSpan.FromMilliseconds(1500));
        var second = await log.AppendAsync(AuditTestLog.Call(2), CancellationToken.None);

        var lines = AuditTestLog.Lines(_test.ActivePath);
        lines.Count.ShouldBe(2);
        lines[0].ShouldStartWith("{\"seq\":1,\"time\":\"2025-01-02T03:04:05.0000000Z\",\"phase\":\"call\",\"principal\":\"alice\",\"tenant\":\"acme\"");
        var key = _test.Keyring().Keys.ShouldHaveSingleItem();
        lines[0].ShouldEndWith($",\"key\":\"{key.Id}\",\"prev\":\"{Zeros}\",\"hash\":\"{first.Hash}\"}}");
        lines[1].ShouldContain("\"time\":\"2025-01-02T03:04:06.5000000Z\"");
        lines[1].ShouldContain($"\"prev\":\"{first.Hash}\"");
        second.Prev.ShouldBe(first.Hash);
        foreach (var line in lines)
        {
            var withoutHash = line[..line.LastIndexOf(",\"hash\":", StringComparison.Ordinal)] + "}";
            line.ShouldEndWith($"\"hash\":\"{Convert.ToHexStringLower(HMACSHA256.HashData(key.Secret, Encoding.UTF8.GetBytes(withoutHash)))}\"}}");
            line.ShouldNotEndWith($"\"hash\":\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(withoutHash)))}\"}}");
        }

        var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
        var head = File.ReadAllText(_test.HeadPath);
        head.Length.ShouldBe(512, "the head keeps one sector's length, so that each commit overwrites it in place");
        head.TrimEnd().ShouldBe($"{{\"seq\":2,\"hash\":\"{second.Hash}\",\"key\":\"{key.Id}\",\"boot\":\"{boot}\",\"mac\":\"{key.HeadMac(2, second.Hash, boot)}\"}}");
        File.GetUnixFileMode(_test.KeyPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        key.Since.ShouldBe(1);
        (File.GetUnixFileMode(_test.AuditDirectory) & (UnixFileMode)0x3F).ShouldBe(UnixFileMode.None, "the directory is private");
        File.GetUnixFileMode(_test.ActivePath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.GetUnixFileMode(_test.HeadPath).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Append_ReturnsTheEntry_AsItReadsBack()
    {
        using var log = _test.Open();
        var record = new AuditRecord("outcome", "alice", null, "s-9", "command_run",
            AuditTestLog.Arguments("""{"command":"systemctl restart nginx","note":"quote \" backslash \\ tab \t é ✓","n":1.50}"""),
            ["web-1", "web-2"], "confirmed", "operator confirmed", "partial",
            new Dictionary<string, int> { ["web-1"] = 0, ["web-2"] = 3 }, 1234.567);

        var written = await log.AppendAsync(record, CancellationToken.None);
        var read = (await log.TailAsync(1, CancellationToken.None)).ShouldHaveSingleItem();

        read.Seq.ShouldBe(1);
        read.Time.ShouldBe(AuditTestLog.Start);
        (read with { Arguments = null, Targets = [], ExitCodes = null }).ShouldBe(written with { Arguments = null, Targets = [], ExitCodes = null });
        read.Targets.ShouldBe(["web-1", "web-2"]);
        read.ExitCodes.ShouldBe(record.ExitCodes);
        read.Arguments!.Value.GetProperty("note").GetString().ShouldBe("quote \" backslash \\ tab \t é ✓");
        read.Arguments!.Value.GetProperty("n").GetRawText().ShouldBe("1.50");
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task Rotation_StartsNewFiles_ThatContinueTheChain_AndTheWholeLogVerifies()
    {
        using var test = new AuditTestLog(maxFileBytes: 1500);
        var entries = await test.FillAsync(40);

        var files = test.Files();
        files.Count.ShouldBeGreaterThanOrEqualTo(4, "at least three rotated files and the active one");
        foreach (var rotated in files.SkipLast(1))
        {
            Path.GetFileName(rotated).ShouldMatch(@"^audit-2025010\dT\d{6}Z-\d+\.jsonl$");
            new FileInfo(rotated).Length.ShouldBeLessThanOrEqualTo(1500);
            var last = JsonDocument.Parse(AuditTestLog.Lines(rotated)[^1]).RootElement.GetProperty("seq").GetInt64();
            Path.GetFileNameWithoutExtension(rotated).ShouldEndWith($"-{last}");
        }

        var firstOfActive = JsonDocument.Parse(AuditTestLog.Lines(test.ActivePath)[0]).RootElement;
        var lastRotated = JsonDocument.Parse(AuditTestLog.Lines(files[^2])[^1]).RootElement;
        firstOfActive.GetProperty("prev").GetString().ShouldBe(lastRotated.GetProperty("hash").GetString());

        using var log = test.Open();
        var read = await log.ReadAsync(CancellationToken.None).ToListAsync();
        read.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 40).Select(i => (long)i));
        read.Select(e => e.Hash).ShouldBe(entries.Select(e => e.Hash));

        var verification = await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None);
        verification.ShouldBe(new AuditVerification(true, 40, files.Count, null, "keyed with 1 audit key(s)"));
    }

    [Fact]
    public async Task Reopening_ContinuesTheChain_WhereItEnded()
    {
        using var test = new AuditTestLog(maxFileBytes: 1500);
        var entries = await test.FillAsync(12);
        using (var log = test.Open())
        {
            var next = await log.AppendAsync(AuditTestLog.Call(13), CancellationToken.None);
            next.Seq.ShouldBe(13);
            next.Prev.ShouldBe(entries[^1].Hash);
        }

        (await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None)).ShouldBe(new AuditVerification(true, 13, test.Files().Count, null, "keyed with 1 audit key(s)"));
    }

    [Fact]
    public async Task Reopening_RightAfterARotation_ContinuesFromTheNewestRotatedFile()
    {
        using var test = new AuditTestLog(maxFileBytes: 1500);
        var entries = await test.FillAsync(12);
        var active = test.ActivePath;
        File.Move(active, Path.Combine(test.AuditDirectory, $"audit-20250102T030500Z-{entries[^1].Seq}.jsonl"));
        (await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();

        using var log = test.Open();
        var next = await log.AppendAsync(AuditTestLog.Call(13), CancellationToken.None);
        next.Seq.ShouldBe(13);
        next.Prev.ShouldBe(entries[^1].Hash);
        (await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None)).ShouldBe(new AuditVerification(true, 13, test.Files().Count, null, "keyed with 1 audit key(s)"));
    }

    [Fact]
    public async Task ConcurrentAppends_FromManyTasks_KeepOneValidChain()
    {
        using var test = new AuditTestLog(maxFileBytes: 4000);
        using var log = test.Open();
        var written = await Task.WhenAll(Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            var mine = new List<AuditEntry>();
            for (var i = 0; i < 25; i++)
            {
                mine.Add(await log.AppendAsync(AuditTestLog.Call(t * 100 + i, principal: $"task-{t}"), CancellationToken.None));
            }

            return mine;
        })));

        written.SelectMany(w => w).Select(e => e.Seq).Order().ShouldBe(Enumerable.Range(1, 400).Select(i => (long)i));
        foreach (var mine in written)
        {
            mine.Select(e => e.Seq).ShouldBeInOrder(SortDirection.Ascending, "each task's appends are ordered");
        }

        var verification = await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None);
        verification.Problem.ShouldBeNull();
        verification.EntriesChecked.ShouldBe(400);
        verification.FilesChecked.ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task Reads_WhileAppending_SeeOnlyWholeEntries()
    {
        using var test = new AuditTestLog(maxFileBytes: 3000);
        using var log = test.Open();
        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
            }
        });
        while (!writing.IsCompleted)
        {
            var seqs = (await log.ReadAsync(CancellationToken.None).ToListAsync()).Select(e => e.Seq).ToList();
            seqs.ShouldBe(Enumerable.Range(1, seqs.Count).Select(i => (long)i));
        }

        await writing;
    }

    [Fact]
    public async Task ASecondWriter_OnTheSameDirectory_IsRefused_UntilTheFirstIsDisposed()
    {
        var first = _test.Open();
        await first.AppendAsync(AuditTestLog.Call(1), CancellationToken.None);
        using var second = _test.Open();

        (await Should.ThrowAsync<AuditUnavailableException>(second.AppendAsync(AuditTestLog.Call(2), CancellationToken.None)))
            .Message.ShouldContain("one writer");

        first.Dispose();
        (await second.AppendAsync(AuditTestLog.Call(2), CancellationToken.None)).Seq.ShouldBe(2);
    }

    [Fact]
    public async Task Append_Throws_AuditUnavailable_WhenTheDirectoryCannotBeCreated()
    {
        var file = Path.Combine(_test.Directory, "a-file");
        File.WriteAllText(file, "");
        using var log = new AuditLog(new AuditOptions { Directory = Path.Combine(file, "audit") }, TimeProvider.System);

        var error = await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(1), CancellationToken.None));
        error.ShouldBeAssignableTo<BastionException>();
        error.Message.ShouldContain("cannot be written");
    }

    [Fact]
    public async Task Append_Throws_AuditUnavailable_WhenTheActiveFileCannotBeOpened_AndRecordsNothing()
    {
        Directory.CreateDirectory(Path.Combine(_test.AuditDirectory, "audit.jsonl"));
        using var log = _test.Open();

        await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(1), CancellationToken.None));
        File.Exists(_test.HeadPath).ShouldBeFalse();
    }

    [Theory]
    [InlineData("approve", "alice", "system_overview", "allowed", null, "Phase 'approve'")]
    [InlineData("call", "", "system_overview", "allowed", null, "Principal and Tool")]
    [InlineData("call", "alice", "system_overview", "maybe", null, "Decision 'maybe'")]
    [InlineData("outcome", "alice", "system_overview", "allowed", "fine", "Outcome 'fine'")]
    [InlineData("recovery", "alice", "system_overview", "allowed", null, "Phase 'recovery'")]
    public async Task Append_RejectsRecords_WithUnknownValues(string phase, string principal, string tool, string decision, string? outcome, string message)
    {
        using var log = _test.Open();
        var record = new AuditRecord(phase, principal, null, null, tool, null, [], decision, null, outcome, null, null);
        (await Should.ThrowAsync<ArgumentException>(log.AppendAsync(record, CancellationToken.None))).Message.ShouldContain(message);
        File.Exists(_test.ActivePath).ShouldBeFalse();
    }

    [Fact]
    public async Task Append_KeepsDeeplyNestedArguments_ReadableAndVerifiable_AndRefusesDeeperOnes()
    {
        using var log = _test.Open();
        string Nested(int depth) => string.Concat(Enumerable.Repeat("{\"a\":", depth - 1)) + "{}" + new string('}', depth - 1);
        var deep = AuditTestLog.Call(1) with { Arguments = System.Text.Json.JsonDocument.Parse(Nested(127), new() { MaxDepth = 200 }).RootElement.Clone() };

        await log.AppendAsync(deep, CancellationToken.None);
        (await log.TailAsync(1, CancellationToken.None)).ShouldHaveSingleItem().Arguments.ShouldNotBeNull();
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();

        var deeper = deep with { Arguments = System.Text.Json.JsonDocument.Parse(Nested(128), new() { MaxDepth = 200 }).RootElement.Clone() };
        (await Should.ThrowAsync<ArgumentException>(log.AppendAsync(deeper, CancellationToken.None))).Message.ShouldContain("nest deeper");
    }

    [Fact]
    public async Task Tail_ReturnsTheLastEntries_OldestFirst_AcrossFiles()
    {
        using var test = new AuditTestLog(maxFileBytes: 1500);
        await test.FillAsync(30);
        using var log = test.Open();

        (await log.TailAsync(12, CancellationToken.None)).Select(e => e.Seq).ShouldBe(Enumerable.Range(19, 12).Select(i => (long)i));
        (await log.TailAsync(100, CancellationToken.None)).Count.ShouldBe(30);
        (await log.TailAsync(0, CancellationToken.None)).ShouldBeEmpty();
        (await _test.Open().TailAsync(5, CancellationToken.None)).ShouldBeEmpty("a log that was never written is empty");
    }

    [Fact]
    public async Task Search_FiltersByEveryCriterion_NewestFirst_UpToTheLimit()
    {
        using var test = new AuditTestLog(maxFileBytes: 1500);
        await test.FillAsync(30);
        using var log = test.Open();

        async Task<long[]> Seqs(AuditQuery query) => [.. (await log.SearchAsync(query, CancellationToken.None)).Select(e => e.Seq)];

        (await Seqs(new AuditQuery("SERVICE_RESTART", null, null, null, null, null, 100))).ShouldBe(Enumerable.Range(1, 15).Select(i => (long)(32 - 2 * i)));
        (await Seqs(new AuditQuery(null, "bob", "refused", null, null, null, 100))).ShouldBe([30, 15]);
        (await Seqs(new AuditQuery(null, null, null, AuditTestLog.Start.AddSeconds(9), AuditTestLog.Start.AddSeconds(12), null, 100))).ShouldBe([12, 11, 10]);
        (await Seqs(new AuditQuery(null, null, null, null, null, "WEB-2", 3))).ShouldBe([29, 26, 23]);
        (await Seqs(new AuditQuery(null, null, null, null, null, "not in tenant", 100))).ShouldBe([30, 25, 20, 15, 10, 5]);
        (await Seqs(new AuditQuery(null, null, null, null, null, "\"n\":7", 100))).ShouldBeEmpty("text is matched against values, not JSON syntax");
        (await Seqs(new AuditQuery("system_overview", "alice", "allowed", null, null, null, 2))).ShouldBe([29, 23]);
        await Should.ThrowAsync<ArgumentOutOfRangeException>(log.SearchAsync(new AuditQuery(null, null, null, null, null, null, 0), CancellationToken.None));
    }

    [Fact]
    public async Task APartialLastLine_IsQuarantined_AndRecorded_BeforeTheNextEntry()
    {
        await _test.FillAsync(5);
        const string partial = "{\"seq\":6,\"time\":\"2025-01-02T03:04:10";
        File.AppendAllText(_test.ActivePath, partial);

        var before = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        before.Ok.ShouldBeFalse();
        before.Problem!.ShouldStartWith("audit.jsonl line 6: partial line");

        using var log = _test.Open();
        var entry = await log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None);

        entry.Seq.ShouldBe(7);
        var recovery = (await log.TailAsync(2, CancellationToken.None))[0];
        recovery.Phase.ShouldBe("recovery");
        recovery.Principal.ShouldBe("bastion");
        var quarantined = recovery.Arguments!.Value.GetProperty("quarantined_file").GetString()!;
        quarantined.ShouldMatch(@"^audit-quarantine-\d{8}T\d{9}Z-after-5\.partial$");
        recovery.Arguments!.Value.GetProperty("bytes").GetInt64().ShouldBe(partial.Length);
        File.ReadAllText(Path.Combine(_test.AuditDirectory, quarantined)).ShouldBe(partial);
        recovery.Reason!.ShouldContain("partial line");
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).ShouldBe(new AuditVerification(true, 7, 1, null, "keyed with 1 audit key(s)"));
    }

    [Fact]
    public async Task ADamagedLog_IsNotChainedOnto()
    {
        await _test.FillAsync(5);
        var lines = AuditTestLog.Lines(_test.ActivePath);
        AuditTestLog.WriteLines(_test.ActivePath, lines.Take(3));

        using var log = _test.Open();
        var error = await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None));
        error.Message.ShouldContain("audit.head records entry 5 but audit.jsonl ends with entry 3");
        AuditTestLog.Lines(_test.ActivePath).Count.ShouldBe(3, "nothing was appended");

        // Still refused on the next try; accepted once an operator has moved the damaged files aside.
        await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None));
        var aside = Directory.CreateDirectory(Path.Combine(_test.Directory, "damaged")).FullName;
        foreach (var file in Directory.GetFiles(_test.AuditDirectory).Where(f => !f.EndsWith("audit.lock", StringComparison.Ordinal)))
        {
            File.Move(file, Path.Combine(aside, Path.GetFileName(file)));
        }

        // Its keyring remembers that the log existed: a log whose files are gone is not a new log.
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None)))
            .Message.ShouldContain("the log files were deleted");
        File.Move(_test.KeyPath, Path.Combine(aside, "audit.key"));
        (await log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None)).Seq.ShouldBe(1);
    }

    [Fact]
    public async Task APartialLine_AfterEntriesTheHeadDoesNotKnow_IsNotQuarantined()
    {
        await _test.FillAsync(5);
        var lines = AuditTestLog.Lines(_test.ActivePath);
        File.WriteAllText(_test.ActivePath, string.Concat(lines.Take(4).Select(l => l + "\n")) + lines[4][..40]);

        using var log = _test.Open();
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None)))
            .Message.ShouldContain("entries were deleted or the file was truncated");
        Directory.GetFiles(_test.AuditDirectory, "*.partial").ShouldBeEmpty();
    }

    [Fact]
    public async Task AHeadOneEntryBehind_AsAfterACrashBeforeItWasUpdated_IsRolledForward()
    {
        var entries = await _test.FillAsync(5);
        _test.WriteHead(4, entries[3].Hash);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();

        using var log = _test.Open();
        var next = await log.AppendAsync(AuditTestLog.Call(6), CancellationToken.None);
        next.Seq.ShouldBe(6);
        next.Prev.ShouldBe(entries[4].Hash);
        File.ReadAllText(_test.HeadPath).ShouldContain($"\"seq\":6,\"hash\":\"{next.Hash}\"");
    }

    [Fact]
    public async Task Read_Throws_OnALineThatIsNotAnEntry()
    {
        await _test.FillAsync(3);
        var lines = AuditTestLog.Lines(_test.ActivePath);
        lines.Insert(1, "not an entry");
        AuditTestLog.WriteLines(_test.ActivePath, lines);
        using var log = _test.Open();

        (await Should.ThrowAsync<BastionException>(log.ReadAsync(CancellationToken.None).ToListAsync().AsTask()))
            .Message.ShouldContain("audit.jsonl line 2: not JSON");
    }
}
