using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Tests;

/// <summary><c>bastion audit verify|search|tail</c> as processes over a log whose rotated files are gzip-compressed and partly pruned by retention.</summary>
public sealed class AuditArchiveCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-audit-archive-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private Task<(int ExitCode, string Stdout, string Stderr)> Bastion(params string[] args) => BastionProcess.RunInAsync(_data, args);

    /// <summary>Writes <paramref name="count"/> entries through the real AuditLog with 4 KiB files, compression on and the given size cap.</summary>
    private async Task WriteAsync(int count, long? cap)
    {
        var arguments = JsonSerializer.Deserialize<JsonElement>("""{"host":"web-1"}""");
        using var log = new AuditLog(new AuditOptions { Directory = Path.Combine(_data, "audit"), MaxFileBytes = 4096, MaxTotalBytes = cap, MaxAge = null }, TimeProvider.System);
        for (var i = 1; i <= count; i++)
        {
            await log.AppendAsync(new AuditRecord("call", i % 3 == 0 ? "bob" : "alice", null, null, "system_overview", arguments, ["web-1"], "allowed", null, "ok", null, 1.0), CancellationToken.None);
        }
    }

    [Fact]
    public async Task VerifyAndSearch_ReadCompressedFiles()
    {
        await WriteAsync(60, cap: null);
        Directory.GetFiles(Path.Combine(_data, "audit"), "audit-*.jsonl.gz").ShouldNotBeEmpty();

        var (code, stdout, stderr) = await Bastion("audit", "verify");
        code.ShouldBe(0, stderr);
        stdout.ShouldStartWith("ok: 60 entries in ");

        (code, stdout, stderr) = await Bastion("audit", "search", "--principal", "bob", "--limit", "100");
        code.ShouldBe(0, stderr);
        stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("seq").GetInt64())
            .ShouldBe(Enumerable.Range(1, 60).Where(i => i % 3 == 0).Select(i => (long)i).Reverse());
    }

    [Fact]
    public async Task Verify_SaysWhatHistoryItCovers_AfterRetentionPruned()
    {
        await WriteAsync(300, cap: 12288);

        var (code, stdout, stderr) = await Bastion("audit", "verify");

        code.ShouldBe(0, stderr);
        stdout.ShouldContain("from checkpoint: entries 1 to ");
        stdout.ShouldContain("to 300, written ");
    }

    [Fact]
    public async Task Doctor_ReportsTheAuditLogsSizeAndFreeSpace()
    {
        await WriteAsync(60, cap: null);

        var (_, stdout, stderr) = await Bastion("doctor", "--no-hosts");

        var line = stdout.Split('\n').FirstOrDefault(l => l.Contains("audit log", StringComparison.Ordinal));
        line.ShouldNotBeNull(stdout + stderr);
        line.ShouldContain("60 entries");
        line.ShouldContain(" on disk, ");
        line.ShouldContain(" free");
    }
}
