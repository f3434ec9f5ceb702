using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Bastion.Tests;

/// <summary><c>bastion audit verify|head|rotate-key</c> and a call whose audit entry cannot be written, run as processes.</summary>
public sealed class AuditCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-audit-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private string Audit => Path.Combine(_data, "audit");

    private string Active => Path.Combine(Audit, "audit.jsonl");

    private string HeadFile => Path.Combine(Audit, "audit.head");

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => BastionProcess.RunInAsync(_data, args);

    private async Task CallsAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (code, _, stderr) = await Bastion("call", "hosts_list");
            code.ShouldBe(0, stderr);
        }
    }

    private async Task<string> BrokenAsync(params string[] extra)
    {
        var (code, stdout, stderr) = await Bastion(["audit", "verify", .. extra]);
        code.ShouldBe(1, stdout);
        stderr.ShouldStartWith("BROKEN: ");
        return stderr.Trim();
    }

    private static List<string> Lines(string path) => [.. File.ReadAllLines(path).Where(l => l.Length > 0)];

    [Fact]
    public async Task Verify_SaysOk_WithTheKeying_AfterCalls()
    {
        await CallsAsync(2);

        var (code, stdout, stderr) = await Bastion("audit", "verify");

        code.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe("ok: 2 entries in 1 file(s), chain intact; keyed with 1 audit key(s).");
        File.Exists(Path.Combine(_data, "audit.key")).ShouldBeTrue("the keyring lives beside the log, not in it");
        File.GetUnixFileMode(Path.Combine(_data, "audit.key")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task Verify_Fails_WhenEveryLogFileIsDeleted()
    {
        await CallsAsync(2);
        foreach (var file in Directory.GetFiles(Audit))
        {
            File.Delete(file);
        }

        (await BrokenAsync()).ShouldContain("audit.head is missing and there are no entries: the log was deleted");
    }

    [Fact]
    public async Task Verify_Fails_WhenTheLogIsTruncatedToItsFirstEntry()
    {
        await CallsAsync(3);
        File.WriteAllLines(Active, Lines(Active).Take(1));

        (await BrokenAsync()).ShouldContain("entry 2 is missing: audit.head records entry 3");
    }

    [Fact]
    public async Task Verify_Fails_WhenTheHeadIsDeleted()
    {
        await CallsAsync(2);
        File.Delete(HeadFile);

        (await BrokenAsync()).ShouldBe("BROKEN: audit.head line 1: audit.head is missing although the log holds 2 entries: it was deleted.");
    }

    [Fact]
    public async Task Verify_Fails_AfterAConsistentRewriteWithoutTheKey()
    {
        await CallsAsync(3);
        var prev = new string('0', 64);
        var rewritten = new List<string>();
        foreach (var line in Lines(Active))
        {
            // As an attacker would: change the principal, then recompute prev and hash with SHA-256, and the head.
            var edited = line.Replace("\"principal\":\"", "\"principal\":\"mallory-", StringComparison.Ordinal);
            var start = edited.IndexOf(",\"prev\":\"", StringComparison.Ordinal) + 9;
            edited = edited[..start] + prev + edited[(start + 64)..];
            var body = edited[..edited.LastIndexOf(",\"hash\":", StringComparison.Ordinal)] + "}";
            prev = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body)));
            rewritten.Add($"{body[..^1]},\"hash\":\"{prev}\"}}");
        }

        File.WriteAllLines(Active, rewritten);
        File.WriteAllText(HeadFile, $"{{\"seq\":3,\"hash\":\"{prev}\"}}\n");

        (await BrokenAsync()).ShouldStartWith("BROKEN: audit.jsonl line 1: hash mismatch");
    }

    [Fact]
    public async Task Head_GivesAnAnchor_ThatVerifyChecks_AndThatCatchesACutWithAnOldHeadPutBack()
    {
        await CallsAsync(1);
        var oldHead = File.ReadAllText(HeadFile);
        await CallsAsync(1);
        var (code, anchor, stderr) = await Bastion("audit", "head");
        code.ShouldBe(0, stderr);
        var head = JsonDocument.Parse(anchor).RootElement;
        head.GetProperty("seq").GetInt64().ShouldBe(2);
        await CallsAsync(1);

        (code, var stdout, stderr) = await Bastion("audit", "verify", "--anchor", anchor.Trim());
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("entry 2 matches the anchor");

        // Cut back to entry 1 and put back the head of that time, as someone holding an old copy of it could.
        File.WriteAllLines(Active, Lines(Active).Take(1));
        File.WriteAllText(HeadFile, oldHead);
        (code, _, _) = await Bastion("audit", "verify");
        code.ShouldBe(0, "without an anchor, a cut back to a point whose head was kept is indistinguishable from a shorter log");
        (await BrokenAsync("--anchor", $"{head.GetProperty("seq").GetInt64()}:{head.GetProperty("hash").GetString()}"))
            .ShouldContain("the anchor records entry 2 but the log ends with entry 1");

        (code, _, stderr) = await Bastion("audit", "verify", "--anchor", "two:abc");
        code.ShouldBe(2);
        stderr.ShouldContain("is not a head");
    }

    [Fact]
    public async Task RotateKey_KeysTheNextEntriesWithANewKey_AndOldEntriesStillVerify()
    {
        await CallsAsync(2);

        var (code, stdout, stderr) = await Bastion("audit", "rotate-key");
        code.ShouldBe(0, stderr);
        stdout.ShouldStartWith("Added audit key ");
        await CallsAsync(1);

        (code, stdout, stderr) = await Bastion("audit", "verify");
        code.ShouldBe(0, stderr);
        stdout.Trim().ShouldBe("ok: 4 entries in 1 file(s), chain intact; keyed with 2 audit key(s).");
        var keys = Lines(Active).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("key").GetString()).ToList();
        keys.Distinct().Count().ShouldBe(2);
        keys[0].ShouldBe(keys[1]);
        keys[2].ShouldBe(keys[3]);
    }

    [Fact]
    public async Task VaultRotateKey_RotatesTheAuditKeyToo()
    {
        var noKeys = new Dictionary<string, string?> { ["BASTION_VAULT_KEY"] = null, ["BASTION_VAULT_PASSPHRASE"] = null };
        await CallsAsync(1);
        var (code, _, stderr) = await BastionProcess.RunInAsync(_data, "value-1234\n", noKeys, "vault", "set", "token");
        code.ShouldBe(0, stderr);

        (code, var stdout, stderr) = await BastionProcess.RunInAsync(_data, null, noKeys, "vault", "rotate-key");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("Added audit key ");
        await CallsAsync(1);

        (code, stdout, stderr) = await Bastion("audit", "verify");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("keyed with 2 audit key(s)");
    }

    [Fact]
    public async Task ACall_IsRefused_WhenTheAuditFileIsADirectory()
    {
        await CallsAsync(1);
        File.Delete(Active);
        Directory.CreateDirectory(Active);

        var (code, stdout, stderr) = await Bastion("call", "hosts_list");

        code.ShouldBe(1, stdout);
        stderr.ShouldContain("Refused: the audit log cannot be written (");
        stdout.ShouldBeEmpty();
    }
}
