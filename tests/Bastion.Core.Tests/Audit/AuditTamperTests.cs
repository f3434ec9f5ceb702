using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// A log cut down, its head tampered with, or its chain rewritten consistently — with and without the audit key —
/// and key rotation: what <c>audit verify</c> must catch, and what it must still accept.
/// </summary>
public sealed class AuditTamperTests : IDisposable
{
    private const int Count = 20;

    private readonly AuditTestLog _test = new(maxFileBytes: 1500);

    public AuditTamperTests() => _test.FillAsync(Count).GetAwaiter().GetResult();

    public void Dispose() => _test.Dispose();

    private Task<AuditVerification> VerifyAsync(AuditVerifyOptions? options = null) =>
        AuditLog.VerifyAsync(_test.AuditDirectory, options ?? new AuditVerifyOptions(), CancellationToken.None);

    private async Task<string> ProblemAsync(AuditVerifyOptions? options = null)
    {
        var verification = await VerifyAsync(options);
        verification.Ok.ShouldBeFalse();
        return verification.Problem.ShouldNotBeNull();
    }

    private static JsonElement Parse(string line) => JsonDocument.Parse(line).RootElement;

    private void DeleteLogFiles()
    {
        foreach (var file in Directory.GetFiles(_test.AuditDirectory))
        {
            File.Delete(file);
        }
    }

    /// <summary>Cuts the log down to its first entry (deleting the later files) and writes a head for it with <paramref name="writeHead"/>.</summary>
    private string TruncateToFirstEntry(Action<long, string>? writeHead)
    {
        var files = _test.Files();
        var first = AuditTestLog.Lines(files[0])[0];
        foreach (var file in files)
        {
            File.Delete(file);
        }

        AuditTestLog.WriteLines(_test.ActivePath, [first]);
        File.Delete(_test.HeadPath);
        writeHead?.Invoke(1, Parse(first).GetProperty("hash").GetString()!);
        return Parse(first).GetProperty("hash").GetString()!;
    }

    [Fact]
    public async Task ALogWithEveryFileDeleted_FailsVerification()
    {
        DeleteLogFiles();

        (await ProblemAsync()).ShouldContain("audit.head is missing and there are no entries: the log was deleted");
    }

    [Fact]
    public async Task ALogWithEveryFileAndItsKeyringDeleted_FailsVerification()
    {
        DeleteLogFiles();
        File.Delete(_test.KeyPath);

        (await ProblemAsync()).ShouldContain("the log was deleted");
    }

    [Fact]
    public async Task ALogTruncatedToItsFirstEntry_WithoutAHead_FailsVerification()
    {
        TruncateToFirstEntry(null);

        (await ProblemAsync()).ShouldBe("audit.head line 1: audit.head is missing although the log holds 1 entries: it was deleted.");
    }

    [Fact]
    public async Task ALogTruncatedToItsFirstEntry_WithAnUnkeyedHead_FailsVerification()
    {
        TruncateToFirstEntry((seq, hash) => File.WriteAllText(_test.HeadPath, $"{{\"seq\":{seq},\"hash\":\"{hash}\"}}\n"));

        (await ProblemAsync()).ShouldBe("audit.head line 1: audit.head carries no MAC although the chain is keyed: it was replaced.");
    }

    [Fact]
    public async Task ALogTruncatedToItsFirstEntry_WithAHeadMacdUnderAForgedKey_FailsVerification()
    {
        var forged = RandomNumberGenerator.GetBytes(32);
        var id = _test.Keyring().Keys[0].Id;
        TruncateToFirstEntry((seq, hash) =>
        {
            var mac = Convert.ToHexStringLower(HMACSHA256.HashData(forged, Encoding.ASCII.GetBytes($"bastion-audit-head/v1\n{seq}\n{hash}")));
            File.WriteAllText(_test.HeadPath, $"{{\"seq\":{seq},\"hash\":\"{hash}\",\"key\":\"{id}\",\"mac\":\"{mac}\"}}\n");
        });

        (await ProblemAsync()).ShouldBe("audit.head line 1: the MAC of audit.head does not match its seq and hash: it was written without the audit key.");
    }

    [Fact]
    public async Task ALogTruncatedWithTheKey_IsCaughtByAnAnchorKeptElsewhere()
    {
        var anchor = Parse(AuditLog.ReadHeadText(_test.AuditDirectory));
        TruncateToFirstEntry(_test.WriteHead);
        (await VerifyAsync()).Ok.ShouldBeTrue("whoever holds the key can cut the log and write a matching head: only an anchor outside catches that");

        (await ProblemAsync(new AuditVerifyOptions(AnchorSeq: anchor.GetProperty("seq").GetInt64(), AnchorHash: anchor.GetProperty("hash").GetString())))
            .ShouldContain($"the anchor records entry {Count} but the log ends with entry 1: entries were deleted since the anchor was taken.");
    }

    [Fact]
    public async Task AnAnchor_OfAnEntryStillInTheLog_Verifies_AndOneWithAnotherHashFails()
    {
        var anchor = Parse(AuditLog.ReadHeadText(_test.AuditDirectory));
        (await VerifyAsync(new AuditVerifyOptions(AnchorSeq: 5, AnchorHash: Parse(_test.Files().SelectMany(AuditTestLog.Lines).ElementAt(4)).GetProperty("hash").GetString()))).Ok.ShouldBeTrue();
        (await VerifyAsync(new AuditVerifyOptions(AnchorSeq: anchor.GetProperty("seq").GetInt64(), AnchorHash: anchor.GetProperty("hash").GetString()))).Ok.ShouldBeTrue();

        (await ProblemAsync(new AuditVerifyOptions(AnchorSeq: 5, AnchorHash: new string('a', 64))))
            .ShouldContain("entry 5 does not have the hash the anchor records");
    }

    [Fact]
    public async Task AHeadWithItsSeqDecreased_FailsVerification()
    {
        var head = Parse(File.ReadAllText(_test.HeadPath));
        File.WriteAllText(_test.HeadPath, File.ReadAllText(_test.HeadPath).Replace($"\"seq\":{Count}", $"\"seq\":{Count - 5}", StringComparison.Ordinal));
        head.GetProperty("seq").GetInt64().ShouldBe(Count);

        (await ProblemAsync()).ShouldContain("the MAC of audit.head does not match");
    }

    [Fact]
    public async Task AHeadWithItsHashChanged_FailsVerification()
    {
        var hash = Parse(File.ReadAllText(_test.HeadPath)).GetProperty("hash").GetString()!;
        File.WriteAllText(_test.HeadPath, File.ReadAllText(_test.HeadPath).Replace(hash, new string('b', 64), StringComparison.Ordinal));

        (await ProblemAsync()).ShouldContain("the MAC of audit.head does not match");
    }

    [Fact]
    public async Task AConsistentRewrite_WithoutTheKey_FailsVerification()
    {
        // An attacker who can write the directory edits an entry and recomputes every hash and the head with SHA-256.
        _test.RewriteChain(line => line.Replace("\"principal\":\"bob\"", "\"principal\":\"alice\"", StringComparison.Ordinal), AuditTestLog.Reseal, keyedHead: false);

        (await ProblemAsync()).ShouldStartWith($"{Path.GetFileName(_test.Files()[0])} line 1: hash mismatch");
    }

    [Fact]
    public async Task AConsistentRewrite_AsAnUnkeyedChain_FailsVerification()
    {
        // The same, dropping the key ids so that the entries look like those of a Bastion before keyed chains.
        _test.RewriteChain(line => JsonKeyRemoved(line), AuditTestLog.Reseal, keyedHead: false);

        (await ProblemAsync()).ShouldBe($"{Path.GetFileName(_test.Files()[0])} line 1: entry 1 is unkeyed, but the chain is keyed from entry 1 on: it was rewritten without the audit key.");
    }

    [Fact]
    public async Task AConsistentRewrite_AsAnUnkeyedChain_WithTheKeyringDeleted_FailsVerification()
    {
        _test.RewriteChain(line => JsonKeyRemoved(line), AuditTestLog.Reseal, keyedHead: false);
        File.Delete(_test.KeyPath);

        (await ProblemAsync()).ShouldContain("there is no audit keyring at");
    }

    [Fact]
    public async Task AConsistentRewrite_WithTheKey_Verifies()
    {
        _test.RewriteChain(line => line.Replace("\"principal\":\"bob\"", "\"principal\":\"alice\"", StringComparison.Ordinal), _test.ResealWithKey, keyedHead: true);

        (await VerifyAsync()).Ok.ShouldBeTrue("the key is what makes the chain: whoever holds it can rewrite it, which is why the head is also anchored elsewhere");
    }

    [Fact]
    public async Task KeyRotation_KeepsOldEntriesVerifiable_AndRecordsTheChangeInTheChain()
    {
        var oldKey = _test.Keyring().Keys[0];
        var newId = await AuditLog.RotateKeyAsync(_test.Options, _test.Clock, CancellationToken.None);
        (await VerifyAsync()).Ok.ShouldBeTrue("a key waiting to be taken into use changes nothing yet");

        using (var log = _test.Open())
        {
            var entry = await log.AppendAsync(AuditTestLog.Call(21), CancellationToken.None);
            entry.Seq.ShouldBe(Count + 2);
            var note = (await log.TailAsync(2, CancellationToken.None))[0];
            note.Phase.ShouldBe("recovery");
            note.Arguments!.Value.GetProperty("audit_key").GetString().ShouldBe(newId);
            note.Arguments!.Value.GetProperty("previous_key").GetString().ShouldBe(oldKey.Id);
        }

        var keyring = _test.Keyring();
        keyring.Keys.Select(k => (k.Id, k.Since)).ShouldBe([(oldKey.Id, 1L), (newId, Count + 1L)]);
        var lines = _test.Files().SelectMany(AuditTestLog.Lines).ToList();
        lines.Take(Count).ShouldAllBe(l => l.Contains($"\"key\":\"{oldKey.Id}\"", StringComparison.Ordinal));
        lines.Skip(Count).ShouldAllBe(l => l.Contains($"\"key\":\"{newId}\"", StringComparison.Ordinal));
        (await VerifyAsync()).ShouldBe(new AuditVerification(true, Count + 2, _test.Files().Count, null, "keyed with 2 audit key(s)"));
    }

    [Fact]
    public async Task KeyRotation_WhileTheWriterIsOpen_IsTakenIntoUseAtItsNextEntry()
    {
        using var log = _test.Open();
        await log.AppendAsync(AuditTestLog.Call(21), CancellationToken.None);

        var newId = await AuditLog.RotateKeyAsync(_test.Options, _test.Clock, CancellationToken.None);
        await log.AppendAsync(AuditTestLog.Call(22), CancellationToken.None);
        await log.AppendAsync(AuditTestLog.Call(23), CancellationToken.None);

        var tail = await log.TailAsync(3, CancellationToken.None);
        tail.Select(e => e.Phase).ShouldBe(["recovery", "call", "call"]);
        tail[0].Seq.ShouldBe(Count + 2);
        _test.Keyring().Keys[^1].Since.ShouldBe(Count + 2);
        AuditTestLog.Lines(_test.ActivePath)[^1].ShouldContain($"\"key\":\"{newId}\"");
        (await VerifyAsync()).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task AfterARotation_TheOldKeyCannotCutTheLogBackToBeforeIt()
    {
        await AuditLog.RotateKeyAsync(_test.Options, _test.Clock, CancellationToken.None);
        using (var log = _test.Open())
        {
            await log.AppendAsync(AuditTestLog.Call(21), CancellationToken.None);
        }

        // Someone with the old key only: cut the log to its first entry and write a head MAC'd with the old key.
        var oldKey = _test.Keyring().Keys[0];
        TruncateToFirstEntry((seq, hash) =>
            File.WriteAllText(_test.HeadPath, $"{{\"seq\":{seq},\"hash\":\"{hash}\",\"key\":\"{oldKey.Id}\",\"mac\":\"{oldKey.HeadMac(seq, hash)}\"}}\n"));

        (await ProblemAsync()).ShouldContain($"shows it had reached entry {Count}: entries were deleted");
    }

    [Fact]
    public async Task AnEntryAfterARotation_RewrittenWithTheOldKey_FailsVerification()
    {
        await AuditLog.RotateKeyAsync(_test.Options, _test.Clock, CancellationToken.None);
        using (var log = _test.Open())
        {
            await log.AppendAsync(AuditTestLog.Call(21), CancellationToken.None);
        }

        var oldKey = _test.Keyring().Keys[0];
        var active = _test.ActivePath;
        var lines = AuditTestLog.Lines(active);
        var newId = Parse(lines[^1]).GetProperty("key").GetString()!;
        lines[^1] = _test.ResealWithKey(lines[^1].Replace($"\"key\":\"{newId}\"", $"\"key\":\"{oldKey.Id}\"", StringComparison.Ordinal));
        AuditTestLog.WriteLines(active, lines);

        (await ProblemAsync()).ShouldContain($"is keyed with audit key {oldKey.Id}, but the keyring says key {newId} keys entries from {Count + 1} on");
    }

    private static string JsonKeyRemoved(string line)
    {
        var start = line.IndexOf(",\"key\":\"", StringComparison.Ordinal);
        return start < 0 ? line : line[..start] + line[(start + 8 + 16 + 1)..];
    }
}
