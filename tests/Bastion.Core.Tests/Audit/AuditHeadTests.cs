using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// <c>audit.head</c> is overwritten in place for each commit (no fsync, no rename) and made durable at rotation and
/// shutdown; it records the boot it was written in, so only a restart of the machine explains a head that lags the log
/// by more than one commit.
/// </summary>
public sealed class AuditHeadTests : IDisposable
{
    private const string OtherBoot = "0b5e7a3c-1d2f-4e5a-9b8c-7d6e5f4a3b2c";

    private readonly AuditTestLog _test = new();

    public void Dispose() => _test.Dispose();

    private static long HeadSeq(string text) => JsonDocument.Parse(text).RootElement.GetProperty("seq").GetInt64();

    [Fact]
    public async Task Append_UpdatesTheHeadInPlace_VisibleBeforeTheCallIsAnswered()
    {
        using var log = _test.Open();
        await log.AppendAsync(AuditTestLog.Call(1), CancellationToken.None);
        using var before = new FileStream(_test.HeadPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);

        for (var i = 2; i <= 4; i++)
        {
            var entry = await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
            before.Position = 0;
            var text = new StreamReader(before, leaveOpen: true).ReadToEnd();
            HeadSeq(text).ShouldBe(entry.Seq, "the handle opened before the append reads the new head: the file was overwritten, not replaced");
            text.Length.ShouldBe(512);
        }
    }

    [Fact]
    public async Task Verify_AcceptsAHeadLaggingSeveralCommits_WhenItWasWrittenBeforeTheMachineRestarted()
    {
        var entries = await _test.FillAsync(6);
        _test.WriteHead(2, entries[1].Hash, OtherBoot); // what a power loss leaves: the in-place updates after the last fsync are gone

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.EntriesChecked.ShouldBe(6);
        verification.Note.ShouldNotBeNull().ShouldContain("entries 3 to 6 chain on from it");
    }

    [Fact]
    public async Task Writer_RollsForwardAHeadLaggingAcrossARestart_AndRecordsIt()
    {
        var entries = await _test.FillAsync(6);
        _test.WriteHead(2, entries[1].Hash, OtherBoot);

        using (var log = _test.Open())
        {
            var next = await log.AppendAsync(AuditTestLog.Call(7), CancellationToken.None);
            next.Seq.ShouldBe(8);
            var recovery = (await log.ReadAsync(CancellationToken.None).ToListAsync()).Single(e => e.Phase == "recovery");
            recovery.Seq.ShouldBe(7);
            recovery.Arguments!.Value.GetProperty("head_seq").GetInt64().ShouldBe(2);
            recovery.Arguments!.Value.GetProperty("last_seq").GetInt64().ShouldBe(6);
            recovery.Reason.ShouldNotBeNull().ShouldContain("machine restarted");
        }

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.Note.ShouldNotBeNull().ShouldNotContain("chain on from it");
        HeadSeq(File.ReadAllText(_test.HeadPath)).ShouldBe(8);
        File.ReadAllText(_test.HeadPath).ShouldContain(AuditTestLog.CurrentBoot);
    }

    [Fact]
    public async Task AHeadOfThisBoot_LaggingSeveralCommits_FailsVerification_AndIsRefusedByTheWriter()
    {
        var entries = await _test.FillAsync(6);
        _test.WriteHead(2, entries[1].Hash, AuditTestLog.CurrentBoot); // an old head put back without a restart

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("records entry 2 but the log goes on to entry 6");

        using var log = _test.Open();
        (await Should.ThrowAsync<AuditUnavailableException>(log.AppendAsync(AuditTestLog.Call(7), CancellationToken.None)))
            .Message.ShouldContain("does not match the last entry");
    }

    [Fact]
    public async Task AHeadWhoseBootIdWasEdited_FailsVerification()
    {
        var entries = await _test.FillAsync(6);
        _test.WriteHead(2, entries[1].Hash, AuditTestLog.CurrentBoot);
        File.WriteAllText(_test.HeadPath, File.ReadAllText(_test.HeadPath).Replace(AuditTestLog.CurrentBoot, OtherBoot, StringComparison.Ordinal));

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("MAC of audit.head does not match");
    }

    [Fact]
    public async Task ALogCutBackAfterARestart_BelowTheHead_FailsVerification()
    {
        var entries = await _test.FillAsync(6);
        _test.WriteHead(4, entries[3].Hash, OtherBoot);
        AuditTestLog.WriteLines(_test.ActivePath, AuditTestLog.Lines(_test.ActivePath).Take(3));

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("entry 4 is missing");
    }
}
