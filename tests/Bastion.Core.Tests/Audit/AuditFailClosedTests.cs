using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// The writer refuses to append, rather than write somewhere nobody will read or start a fresh chain, when the log's
/// files or its keyring are gone or replaced; and a log from before keyed chains is taken over, not refused.
/// </summary>
public sealed class AuditFailClosedTests : IDisposable
{
    private readonly AuditTestLog _test = new();

    public void Dispose() => _test.Dispose();

    private async Task<AuditLog> OpenWithEntriesAsync(int count)
    {
        var log = _test.Open();
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
        }

        return log;
    }

    [Fact]
    public async Task Append_IsRefused_WhenTheActiveFileIsReplacedByADirectory_WhileTheLogIsOpen()
    {
        using var log = await OpenWithEntriesAsync(3);
        File.Delete(_test.ActivePath);
        Directory.CreateDirectory(_test.ActivePath);

        (await Should.ThrowAsync<AuditUnavailableException>(log.EnsureWritableAsync(CancellationToken.None))).Message.ShouldContain("audit.jsonl is a directory");
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(4), CancellationToken.None))).Message.ShouldContain("audit.jsonl is a directory");
    }

    [Fact]
    public async Task Append_IsRefused_WhenTheActiveFileIsDeleted_WhileTheLogIsOpen_AndNoNewChainIsStarted()
    {
        using var log = await OpenWithEntriesAsync(3);
        File.Delete(_test.ActivePath);

        await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(4), CancellationToken.None));
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(4), CancellationToken.None)))
            .Message.ShouldContain("audit.head records entry 3 but there are no entries");
        File.Exists(_test.ActivePath).ShouldBeFalse();
    }

    [Fact]
    public async Task Append_IsRefused_WhenTheHeadCannotBeWritten_AndStaysRefused()
    {
        using var log = await OpenWithEntriesAsync(2);
        File.Delete(_test.HeadPath);
        Directory.CreateDirectory(_test.HeadPath);

        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(3), CancellationToken.None)))
            .Message.ShouldContain("could not update audit.head");
        (await Should.ThrowAsync<AuditUnavailableException>(log.EnsureWritableAsync(CancellationToken.None)))
            .Message.ShouldContain("audit.head is a directory");
    }

    [Fact]
    public async Task Append_IsRefused_WhenTheKeyringVanishes_WhileTheLogIsOpen()
    {
        using var log = await OpenWithEntriesAsync(2);
        File.Delete(_test.KeyPath);

        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(3), CancellationToken.None)))
            .Message.ShouldContain("disappeared while the log was open");
        AuditTestLog.Lines(_test.ActivePath).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Append_IsRefused_WhenTheKeyringIsMissing_ForAKeyedLog()
    {
        (await OpenWithEntriesAsync(2)).Dispose();
        File.Delete(_test.KeyPath);

        using var log = _test.Open();
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(3), CancellationToken.None)))
            .Message.ShouldContain("which is not in the keyring");
    }

    [Fact]
    public async Task Append_IsRefused_WhenTheHeadIsMissing()
    {
        (await OpenWithEntriesAsync(1)).Dispose();
        File.Delete(_test.HeadPath);

        using var log = _test.Open();
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(2), CancellationToken.None)))
            .Message.ShouldContain("audit.head is missing although the log ends with entry 1");
    }

    [Fact]
    public async Task AnUnkeyedLog_FromBeforeKeyedChains_IsRefusedByVerify_UnlessAllowed_ThenTakenOverByTheWriter()
    {
        await _test.FillAsync(6);
        _test.RewriteChain(
            line =>
            {
                var start = line.IndexOf(",\"key\":\"", StringComparison.Ordinal);
                return line[..start] + line[(start + 25)..];
            },
            AuditTestLog.Reseal,
            keyedHead: false);
        File.Delete(_test.KeyPath);

        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Problem.ShouldNotBeNull().ShouldContain("Pass --allow-unkeyed");
        var legacy = await AuditLog.VerifyAsync(_test.AuditDirectory, new AuditVerifyOptions(AllowUnkeyed: true), CancellationToken.None);
        legacy.Ok.ShouldBeTrue();
        legacy.Note.ShouldNotBeNull().ShouldStartWith("unkeyed:");

        using (var log = _test.Open())
        {
            (await log.AppendAsync(AuditTestLog.Call(7), CancellationToken.None)).Seq.ShouldBe(8);
            var note = (await log.TailAsync(2, CancellationToken.None))[0];
            note.Phase.ShouldBe("recovery");
            note.Reason.ShouldNotBeNull().ShouldContain("entries 1 to 6 were written unkeyed");
        }

        _test.Keyring().UnkeyedEntries.ShouldBe(6);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).ShouldBe(
            new AuditVerification(true, 8, 1, null, "keyed with 1 audit key(s); entries 1 to 6 are unkeyed, written before keyed chains"));
    }
}
