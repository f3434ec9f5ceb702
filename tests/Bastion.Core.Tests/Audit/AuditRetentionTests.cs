using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Testing;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// Retention prunes whole rotated files by total size and by age, leaving <c>audit.checkpoint</c> from which the
/// remaining chain verifies; a checkpoint that was edited, removed or put back from an earlier pruning is caught.
/// </summary>
public sealed class AuditRetentionTests : IDisposable
{
    private const long FileBytes = 4096;
    private const long CapBytes = 16384;

    private readonly AuditTestLog _test = new(FileBytes, maxTotalBytes: CapBytes);

    public void Dispose() => _test.Dispose();

    private string CheckpointPath => Path.Combine(_test.AuditDirectory, "audit.checkpoint");

    private long LogBytes() => _test.Files().Sum(f => new FileInfo(f).Length);

    private static long FirstSeq(string file) =>
        JsonDocument.Parse(AuditTestLog.Lines(file)[0]).RootElement.GetProperty("seq").GetInt64();

    [Fact]
    public async Task ALogWrittenWellPastItsSizeCap_EndsUnderIt_AndVerifiesFromItsCheckpoint()
    {
        await _test.FillAsync(400); // about 20 times the cap

        LogBytes().ShouldBeLessThanOrEqualTo(CapBytes);
        var checkpoint = JsonDocument.Parse(File.ReadAllText(CheckpointPath)).RootElement;
        var prunedUpTo = checkpoint.GetProperty("seq").GetInt64();
        prunedUpTo.ShouldBeGreaterThan(300);
        FirstSeq(_test.Files()[0]).ShouldBe(prunedUpTo + 1);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.EntriesChecked.ShouldBe(400 - prunedUpTo);
        verification.Note.ShouldNotBeNull().ShouldContain($"from checkpoint: entries 1 to {prunedUpTo} were pruned by retention");
        verification.Note.ShouldContain($"it covers entries {prunedUpTo + 1} to 400");

        using var log = _test.Open();
        (await log.SearchAsync(new AuditQuery(null, null, null, null, null, null, 1000), CancellationToken.None)).Count.ShouldBe((int)(400 - prunedUpTo));
        (await log.AppendAsync(AuditTestLog.Call(401), CancellationToken.None)).Seq.ShouldBe(401);
    }

    [Fact]
    public async Task RotatedFilesOlderThanTheRetentionAge_ArePruned_AndTheChainVerifies()
    {
        using var test = new AuditTestLog(FileBytes, maxTotalBytes: null, maxAge: TimeSpan.FromDays(30));
        await test.FillAsync(40);
        var rotatedBefore = Directory.GetFiles(test.AuditDirectory, "audit-*.jsonl");
        rotatedBefore.Length.ShouldBeGreaterThan(2);
        File.Exists(Path.Combine(test.AuditDirectory, "audit.checkpoint")).ShouldBeFalse("nothing is old enough yet");

        test.Clock.Advance(TimeSpan.FromDays(31));
        using (var log = test.Open())
        {
            await log.AppendAsync(AuditTestLog.Call(41), CancellationToken.None);
        }

        rotatedBefore.Where(File.Exists).ShouldBeEmpty("every file rotated before is past the age");
        File.Exists(test.ActivePath).ShouldBeTrue("the active file is never pruned");
        var verification = await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.Note.ShouldNotBeNull().ShouldContain("from checkpoint");
    }

    [Theory]
    [InlineData("seq")]
    [InlineData("hash")]
    [InlineData("time")]
    public async Task ACheckpointEditedWithoutTheKey_FailsVerification(string field)
    {
        await _test.FillAsync(200);
        var text = File.ReadAllText(CheckpointPath);
        var root = JsonDocument.Parse(text).RootElement;
        var edited = field switch
        {
            "seq" => text.Replace($"\"seq\":{root.GetProperty("seq").GetInt64()}", $"\"seq\":{root.GetProperty("seq").GetInt64() + 5}", StringComparison.Ordinal),
            "hash" => text.Replace(root.GetProperty("hash").GetString()!, new string('a', 64), StringComparison.Ordinal),
            _ => text.Replace(root.GetProperty("time").GetString()![..4], "2030", StringComparison.Ordinal),
        };
        edited.ShouldNotBe(text);
        File.WriteAllText(CheckpointPath, edited);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("audit.checkpoint line 1: its MAC does not match");
    }

    [Fact]
    public async Task ACheckpointDeleted_FailsVerification_AsMissingEntries()
    {
        await _test.FillAsync(200);
        File.Delete(CheckpointPath);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("are missing (the oldest files were deleted?)");
    }

    [Fact]
    public async Task AnEarlierCheckpointPutBack_FailsVerification()
    {
        await _test.FillAsync(100);
        var earlier = File.ReadAllText(CheckpointPath);
        using (var log = _test.Open())
        {
            for (var i = 101; i <= 200; i++)
            {
                await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
                _test.Clock.Advance(TimeSpan.FromSeconds(1));
            }
        }

        File.ReadAllText(CheckpointPath).ShouldNotBe(earlier);
        File.WriteAllText(CheckpointPath, earlier);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("says the chain continues after entry");
    }

    [Fact]
    public async Task AFileDeletedAfterPruning_FailsVerification()
    {
        await _test.FillAsync(200);
        File.Delete(_test.Files()[0]);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldContain("says the chain continues after entry");
    }

    [Fact]
    public async Task APruningThatFails_IsLoggedWithItsCause_AndCounted_WhileCallsCarryOn_ThenPrunesOnceTheCauseIsGone()
    {
        Directory.CreateDirectory(CheckpointPath); // a checkpoint that can be neither read nor replaced
        var lines = new List<string>();
        using var failures = new CounterRecorder("bastion.audit.retention.failures");
        using (var log = new AuditLog(_test.Options, _test.Clock, new LinesLoggerProvider(lines).CreateLogger("audit")))
        {
            for (var i = 1; i <= 200; i++)
            {
                (await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None)).Seq.ShouldBe(i);
            }

            log.PruneProblem.ShouldNotBeNull().ShouldContain("audit.checkpoint is a directory");
        }

        LogBytes().ShouldBeGreaterThan(CapBytes, "nothing was pruned");
        lines.ShouldContain(l => l.StartsWith("Audit prune failed (file log)", StringComparison.Ordinal));
        lines.First(l => l.StartsWith("Audit prune failed", StringComparison.Ordinal))
            .ShouldContain($"could not prune the oldest files of {_test.AuditDirectory}: audit.checkpoint is a directory");
        failures.Sum("store=file", "step=prune").ShouldBeGreaterThan(0);

        Directory.Delete(CheckpointPath);
        using (var log = _test.Open())
        {
            for (var i = 201; i <= 240; i++)
            {
                await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
            }

            log.PruneProblem.ShouldBeNull();
        }

        LogBytes().ShouldBeLessThanOrEqualTo(CapBytes);
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public void ASizeCapBelowTwoFiles_IsRefused_WithWhatIsAccepted()
    {
        var options = new AuditOptions { Directory = _test.AuditDirectory, MaxFileBytes = FileBytes, MaxTotalBytes = FileBytes };

        Should.Throw<ArgumentOutOfRangeException>(() => new AuditLog(options, _test.Clock)).Message.ShouldContain("at least twice the size of one file");
    }

    [Theory]
    [InlineData("90d", "2G", 90 * 24, 2L * 1024 * 1024 * 1024)]
    [InlineData("12h", "512M", 12, 512L * 1024 * 1024)]
    [InlineData("off", "off", null, null)]
    public void Retention_IsTakenFromTheEnvironment(string age, string bytes, int? hours, long? expectedBytes)
    {
        var options = new AuditOptions { Directory = "/tmp/a" }.WithRetentionFrom(name => name switch
        {
            AuditOptions.MaxAgeVariable => age,
            AuditOptions.MaxTotalBytesVariable => bytes,
            _ => age == "off" ? "off" : null,
        });

        options.MaxAge.ShouldBe(hours is null ? null : TimeSpan.FromHours(hours.Value));
        options.MaxTotalBytes.ShouldBe(expectedBytes);
        options.CompressRotated.ShouldBe(age != "off", "BASTION_AUDIT_COMPRESS=off turns compression off; unset keeps it on");
    }

    [Fact]
    public void Retention_FromTheEnvironment_RefusesWhatIsNotADurationOrSize()
    {
        Should.Throw<BastionException>(() => new AuditOptions { Directory = "/tmp/a" }.WithRetentionFrom(name => name == AuditOptions.MaxAgeVariable ? "a year" : null))
            .Message.ShouldContain("Accepted: a whole number with d, h or m");
        Should.Throw<BastionException>(() => new AuditOptions { Directory = "/tmp/a" }.WithRetentionFrom(name => name == AuditOptions.MaxTotalBytesVariable ? "lots" : null))
            .Message.ShouldContain("Accepted: bytes, or a whole number with K, M or G");
    }
}
