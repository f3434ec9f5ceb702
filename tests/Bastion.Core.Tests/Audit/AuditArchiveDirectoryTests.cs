using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// With an archive directory, rotated files are moved there compressed (copy, fsync, rename, then remove); verify,
/// search and tail read both directories, a move interrupted after its copy counts once and is redone, and retention
/// prunes from the archive.
/// </summary>
public sealed class AuditArchiveDirectoryTests : IDisposable
{
    private readonly AuditTestLog _test = new(4096, compress: true, archive: true);

    public void Dispose() => _test.Dispose();

    private string Archive => _test.Options.ArchiveDirectory!;

    private string[] Archived() => Directory.GetFiles(Archive, "audit-*.jsonl*");

    private string[] Local() => Directory.GetFiles(_test.AuditDirectory, "audit-*.jsonl*");

    [Fact]
    public async Task RotatedFiles_AreMovedCompressedToTheArchive_AndVerifySearchAndTailReadBothDirectories()
    {
        await _test.FillAsync(60);

        Local().ShouldBeEmpty();
        Archived().Length.ShouldBeGreaterThan(2);
        Archived().ShouldAllBe(f => f.EndsWith(".jsonl.gz", StringComparison.Ordinal));
        Directory.GetFiles(Archive, "*.tmp").ShouldBeEmpty();
        File.ReadAllText(Path.Combine(_test.AuditDirectory, "audit.archive")).Trim().ShouldBe(Archive);

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.EntriesChecked.ShouldBe(60);
        verification.FilesChecked.ShouldBe(Archived().Length + 1);

        using var log = _test.Open();
        var bob = await log.SearchAsync(new AuditQuery(null, "bob", null, null, null, null, 100), CancellationToken.None);
        bob.Select(e => e.Seq).ShouldBe(Enumerable.Range(1, 60).Where(i => i % 3 == 0).Select(i => (long)i).Reverse());
        (await log.TailAsync(50, CancellationToken.None)).Select(e => e.Seq).ShouldBe(Enumerable.Range(11, 50).Select(i => (long)i));
    }

    [Fact]
    public async Task AMoveInterruptedAfterItsCopy_CountsOnce_AndIsRedoneByTheNextWriter()
    {
        await _test.FillAsync(60);
        var first = Archived().OrderBy(f => f, StringComparer.Ordinal).First();
        File.Copy(first, Path.Combine(_test.AuditDirectory, Path.GetFileName(first))); // the original, not yet removed

        var verification = await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.EntriesChecked.ShouldBe(60);

        using (var log = _test.Open())
        {
            await log.AppendAsync(AuditTestLog.Call(61), CancellationToken.None);
        }

        Local().ShouldBeEmpty();
        (await AuditLog.VerifyAsync(_test.AuditDirectory, CancellationToken.None)).EntriesChecked.ShouldBe(61);
    }

    [Fact]
    public async Task Retention_PrunesFromTheArchive_AndTheChainVerifiesFromItsCheckpoint()
    {
        using var test = new AuditTestLog(4096, maxTotalBytes: 12288, compress: true, archive: true);
        await test.FillAsync(600);

        var files = Directory.GetFiles(test.AuditDirectory, "audit*.jsonl*").Concat(Directory.GetFiles(test.Options.ArchiveDirectory!, "audit*.jsonl*")).ToList();
        files.Sum(f => new FileInfo(f).Length).ShouldBeLessThanOrEqualTo(12288);
        Directory.GetFiles(test.Options.ArchiveDirectory!, "audit-*.jsonl.gz").ShouldNotBeEmpty();
        var verification = await AuditLog.VerifyAsync(test.AuditDirectory, CancellationToken.None);
        verification.Ok.ShouldBeTrue(verification.Problem);
        verification.Note.ShouldNotBeNull().ShouldContain("from checkpoint");
    }

    [Fact]
    public void AnArchiveInsideTheAuditDirectory_IsRefused() =>
        Should.Throw<ArgumentOutOfRangeException>(() => new AuditLog(new AuditOptions { Directory = _test.AuditDirectory, ArchiveDirectory = Path.Combine(_test.AuditDirectory, "old") }, TimeProvider.System))
            .Message.ShouldContain("must lie outside the audit directory");
}
