using System.Diagnostics;
using System.Text.Json;
using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>Rotated files are gzip-compressed (readable with the real <c>zcat</c>); verify, search and tail read them transparently.</summary>
public sealed class AuditArchiveTests : IDisposable
{
    private readonly AuditTestLog _test = new(4096, compress: true);

    public void Dispose() => _test.Dispose();

    private string[] Compressed() => [.. Directory.GetFiles(_test.AuditDirectory, "audit-*.jsonl.gz")
        .OrderBy(p => long.Parse(Path.GetFileName(p).Split('-')[^1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture))];

    private static async Task<string> ZcatAsync(string path)
    {
        var start = new ProcessStartInfo("zcat") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(path);
        using var zcat = Process.Start(start)!;
        var output = await zcat.StandardOutput.ReadToEndAsync();
        await zcat.WaitForExitAsync();
        zcat.ExitCode.ShouldBe(0, await zcat.StandardError.ReadToEndAsync());
        return output;
    }

    [Fact]
    public async Task RotatedFiles_AreGzipped_AndZcatReadsBackTheChainLineForLine()
    {
        var entries = await _test.FillAsync(60);

        Directory.GetFiles(_test.AuditDirectory, "audit-*.jsonl").ShouldBeEmpty("every rotated file was compressed");
        var compressed = Compressed();
        compressed.Length.ShouldBeGreaterThan(3);
        var lines = new List<string>();
        foreach (var file in compressed)
        {
            lines.AddRange((await ZcatAsync(file)).Split('\n', StringSplitOptions.RemoveEmptyEntries));
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        lines.AddRange(AuditTestLog.Lines(_test.ActivePath));
        lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("hash").GetString()).ShouldBe(entries.Select(e => e.Hash));
    }

    [Fact]
    public async Task VerifySearchAndTail_ReadCompressedFiles()
    {
        await _test.FillAsync(60);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.EntriesChecked.ShouldBe(60);
        verification.FilesChecked.ShouldBe(Compressed().Length + 1);

        using var log = _test.Open();
        var bob = await log.SearchAsync(new AuditQuery(null, "bob", null, null, null, null, 100), CancellationToken.None);
        bob.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 60).Where(i => i % 3 == 0).Select(i => (long)i).Reverse());
        (await log.TailAsync(50, CancellationToken.None)).Select(e => e.Seq).ShouldBe(Enumerable.Range(11, 50).Select(i => (long)i));
        (await log.ReadAsync(CancellationToken.None).CountAsync()).ShouldBe(60);
    }

    [Fact]
    public async Task AnEditInACompressedFile_FailsVerification()
    {
        await _test.FillAsync(60);
        var file = Compressed()[1];
        var text = await ZcatAsync(file);
        var edited = text.Replace("\"principal\":\"alice\"", "\"principal\":\"mallory\"", StringComparison.Ordinal);
        edited.ShouldNotBe(text);
        await using (var output = File.Create(file))
        await using (var gzip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(edited));
        }

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);

        verification.Ok.ShouldBeFalse();
        verification.Problem.ShouldNotBeNull().ShouldStartWith(Path.GetFileName(file));
    }

    [Fact]
    public async Task ACompressionInterruptedBeforeThePlainFileWasDeleted_StillVerifies_AndIsRedone()
    {
        await _test.FillAsync(60);
        var file = Compressed()[0];
        await File.WriteAllTextAsync(file[..^3], await ZcatAsync(file)); // both the plain file and its .gz, as after a crash
        await File.WriteAllTextAsync(file, "not gzip"); // and the .gz not trustworthy: the plain file is the one read

        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
        _test.Clock.Advance(TimeSpan.FromHours(2));
        using (var log = _test.Open())
        {
            await log.AppendAsync(AuditTestLog.Call(61), CancellationToken.None);
        }

        File.Exists(file[..^3]).ShouldBeFalse();
        (await ZcatAsync(file)).ShouldNotBe("not gzip");
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).Ok.ShouldBeTrue();
    }

    [Fact]
    public async Task ALogWrittenPastItsSizeCap_WithCompression_EndsUnderIt_AndVerifies()
    {
        using var test = new AuditTestLog(4096, maxTotalBytes: 12288, compress: true);
        await test.FillAsync(600);

        Directory.GetFiles(test.AuditDirectory, "audit*.jsonl*").Sum(f => new FileInfo(f).Length).ShouldBeLessThanOrEqualTo(12288);
        var verification = await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.Note.ShouldNotBeNull().ShouldContain("from checkpoint");
    }
}
