using System.Security.Cryptography;
using Bastion.Core.Commands;
using Bastion.Core.Execution;
using Bastion.Core.Files;
using Bastion.Core.Logs;
using Bastion.Core.Policy;

namespace Bastion.Core.Tests.Files;

/// <summary>
/// Every reader judges what a path resolves to on the host, in the same script as the read: symbolic links made by the
/// test, /proc aliases, '..', paths relative to a command's working directory, private keys under innocent names read in
/// windows, and Bastion's own data directory and process. On the machine the tests run on (as root, so root-only files
/// would be readable if the guard let them through).
/// </summary>
public sealed class ResolvedPathTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-resolved-").FullName;
    private readonly string _data;
    private readonly PathGuard _guard;
    private readonly LocalRunner _local = new();

    public ResolvedPathTests()
    {
        _data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(Path.Combine(_data, "tenants", "acme"));
        File.WriteAllText(Path.Combine(_data, "vault.key"), "c2VjcmV0LWtleS1tYXRlcmlhbC0zMi1ieXRlcy1sb25nIQ==\n");
        File.WriteAllText(Path.Combine(_data, "tenants", "acme", "vault.key"), "YWNtZS1rZXktbWF0ZXJpYWwtMzItYnl0ZXMtbG9uZyEhIQ==\n");
        _guard = new PathGuard(_data, Environment.ProcessId);
        File.WriteAllText(Path.Combine(_dir, "notes.txt"), "nothing secret here\n");
        File.CreateSymbolicLink(Path.Combine(_dir, "shadow-link"), "/etc/shadow");
        File.CreateSymbolicLink(Path.Combine(_dir, "vault-link"), Path.Combine(_data, "tenants", "acme", "vault.key"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "etc-link"), "/etc");
        File.WriteAllText(Path.Combine(_dir, "report.txt"), RSA.Create(2048).ExportPkcs8PrivateKeyPem() + "\n");
        File.WriteAllText(Path.Combine(_dir, "big.log"), new string('x', 200_000) + "\n" + ECDsa.Create().ExportECPrivateKeyPem() + "\n" + new string('y', 100_000));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    public static readonly TheoryData<string> Aliases = new(
        "/etc/shadow", "/etc/gshadow", "{dir}/shadow-link", "{dir}/etc-link/shadow", "/proc/self/root/etc/shadow",
        "/proc/1/root/etc/shadow", "/proc/self/environ", "/proc/1/environ", "/proc/{pid}/environ", "/proc/{pid}/mem", "/proc/{pid}/status",
        "/proc/self/maps", "{data}/vault.key", "{data}/tenants/acme/vault.key", "{dir}/vault-link", "{dir}/report.txt");

    private string Expand(string path) => path.Replace("{dir}", _dir, StringComparison.Ordinal).Replace("{data}", _data, StringComparison.Ordinal)
        .Replace("{pid}", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Aliases))]
    public async Task Read_RefusesSecrets_WhateverTheSpelling(string path)
    {
        var e = await Should.ThrowAsync<BastionException>(FilesCollector.ReadAsync(_local, _guard, Expand(path), 0, 4096, CancellationToken.None));
        e.Message.ShouldContain("is refused");
    }

    [Fact]
    public async Task Read_RefusesAnOpenSecret_ThroughProcFd()
    {
        await using var held = new FileStream("/etc/gshadow", FileMode.Open, FileAccess.Read);
        var fds = Directory.GetFiles($"/proc/{Environment.ProcessId}/fd");
        var fd = fds.First(f => new FileInfo(f).LinkTarget == "/etc/gshadow");

        // Even with a guard that does not know Bastion's process, /proc/<pid>/fd/N resolves to the secret.
        var e = await Should.ThrowAsync<BastionException>(FilesCollector.ReadAsync(_local, new PathGuard(null, null), fd, 0, 4096, CancellationToken.None));
        e.Message.ShouldContain("/etc/gshadow");
    }

    [Theory]
    [InlineData("report.txt", 0, 64)]
    [InlineData("report.txt", 300, 200)]
    [InlineData("report.txt", 1000, 10)]
    [InlineData("big.log", 200_100, 100)]
    public async Task Read_RefusesWindowsOfAPrivateKey_UnderAnInnocentName(string name, long offset, int length)
    {
        var e = await Should.ThrowAsync<BastionException>(FilesCollector.ReadAsync(_local, _guard, Path.Combine(_dir, name), offset, length, CancellationToken.None));
        e.Message.ShouldContain("private key");
    }

    [Fact]
    public async Task Read_ReturnsOrdinaryFiles_AndHarmlessProcFields()
    {
        (await FilesCollector.ReadAsync(_local, _guard, Path.Combine(_dir, "notes.txt"), 0, 4096, CancellationToken.None)).Content.ShouldBe("nothing secret here\n");
        (await FilesCollector.ReadAsync(_local, _guard, "/proc/1/status", 0, 4096, CancellationToken.None)).Content.ShouldContain("Pid:");
        (await FilesCollector.ReadAsync(_local, _guard, Path.Combine(_dir, "big.log"), 0, 100, CancellationToken.None)).Content.ShouldBe(new string('x', 100));
    }

    [Theory]
    [InlineData("{data}")]
    [InlineData("{data}/tenants")]
    [InlineData("/proc/self/fd")]
    [InlineData("/proc/1/fd")]
    [InlineData("/proc/{pid}")]
    [InlineData("/proc/self/root/root/.ssh")]
    public async Task List_RefusesSecretDirectories(string path)
    {
        Directory.CreateDirectory("/root/.ssh");
        var e = await Should.ThrowAsync<BastionException>(FilesCollector.ListAsync(_local, _guard, Expand(path), 100, CancellationToken.None));
        e.Message.ShouldContain("is refused");
    }

    [Fact]
    public async Task List_ListsOrdinaryDirectories()
    {
        var listing = await FilesCollector.ListAsync(_local, _guard, _dir, 100, CancellationToken.None);
        listing.Entries.Select(e => e.Name).ShouldContain("notes.txt");
    }

    [Theory]
    [InlineData(new[] { "cat", "shadow-link" }, "{dir}")]
    [InlineData(new[] { "cat", "shadow" }, "{dir}/etc-link")]
    [InlineData(new[] { "cat", "../shadow" }, "/etc/ssl")]
    [InlineData(new[] { "head", "-c", "40", "report.txt" }, "{dir}")]
    [InlineData(new[] { "tail", "-c", "+300", "{dir}/report.txt" }, null)]
    [InlineData(new[] { "grep", "-o", ".", "vault.key" }, "{data}")]
    [InlineData(new[] { "timeout", "5", "cat", "{dir}/vault-link" }, null)]
    [InlineData(new[] { "sh", "-c", "cat /proc/self/root/etc/shadow" }, null)]
    [InlineData(new[] { "ls" }, "{data}/tenants")]
    [InlineData(new[] { "ls", "-l", "/proc/1/fd" }, null)]
    public async Task Command_RefusesReadersOfSecrets_ResolvedAgainstItsDirectory(string[] argv, string? cwd)
    {
        var spec = new CommandSpec(null, [.. argv.Select(Expand)], TimeSpan.FromSeconds(10), cwd is null ? null : Expand(cwd), new Dictionary<string, string>(), 4096);
        var e = await Should.ThrowAsync<BastionException>(CommandExecutor.RunAsync(_local, _guard, spec, CancellationToken.None));
        e.Message.ShouldContain("is refused");
    }

    [Fact]
    public async Task Command_RunsReadersOfOrdinaryFiles_AndGuardsShellLines()
    {
        var spec = new CommandSpec(null, ["cat", "notes.txt"], TimeSpan.FromSeconds(10), _dir, new Dictionary<string, string>(), 4096);
        (await CommandExecutor.RunAsync(_local, _guard, spec, CancellationToken.None)).Stdout.ShouldBe("nothing secret here\n");
        var line = spec with { Argv = null, Line = "cat shadow-link" };
        await Should.ThrowAsync<BastionException>(CommandExecutor.RunAsync(_local, _guard, line, CancellationToken.None));
        var missing = spec with { Argv = ["cat", "no-such-file"] };
        (await CommandExecutor.RunAsync(_local, _guard, missing, CancellationToken.None)).ExitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task LogTail_RefusesASecretInsideTheAllowedRoot()
    {
        var reader = new LogReader(new LogsOptions { AllowedRoots = [_dir] }, _guard);
        var e = await Should.ThrowAsync<BastionException>(reader.TailAsync(_local, new LogQuery(Path.Combine(_dir, "report.txt"), null, null, false, 10), CancellationToken.None));
        e.Message.ShouldContain("private key");
        var outside = await Should.ThrowAsync<BastionException>(reader.TailAsync(_local, new LogQuery(Path.Combine(_dir, "shadow-link"), null, null, false, 10), CancellationToken.None));
        outside.Message.ShouldContain("is refused");
    }

    [Fact]
    public async Task Download_RefusesSecretSources_AndDestinationsInTheDataDirectory()
    {
        var transfer = new FileTransfer(new FileTransferOptions(), _guard);
        var target = Path.Combine(_dir, "out.bin");
        (await Should.ThrowAsync<BastionException>(transfer.DownloadAsync(_local, Path.Combine(_dir, "shadow-link"), target, false, CancellationToken.None))).Message.ShouldContain("/etc/shadow");
        (await Should.ThrowAsync<BastionException>(transfer.DownloadAsync(_local, Path.Combine(_dir, "report.txt"), target, false, CancellationToken.None))).Message.ShouldContain("private key");
        (await Should.ThrowAsync<BastionException>(transfer.DownloadDirectoryAsync(_local, _dir, target, false, CancellationToken.None))).Message.ShouldContain("is refused");
        (await Should.ThrowAsync<BastionException>(transfer.DownloadAsync(_local, Path.Combine(_dir, "notes.txt"), Path.Combine(_data, "keys.json"), true, CancellationToken.None))).Message.ShouldContain("data directory");
        (await Should.ThrowAsync<BastionException>(transfer.DownloadAsync(_local, Path.Combine(_dir, "notes.txt"), _dir + "/sub/../out.bin", false, CancellationToken.None))).Message.ShouldContain("'..'");
        (await Should.ThrowAsync<BastionException>(transfer.DownloadAsync(_local, Path.Combine(_dir, "notes.txt"), "out.bin", false, CancellationToken.None))).Message.ShouldContain("not absolute");
        (await transfer.DownloadAsync(_local, Path.Combine(_dir, "notes.txt"), target, false, CancellationToken.None)).SizeBytes.ShouldBe(20);
        File.Exists(Path.Combine(_data, "keys.json")).ShouldBeFalse();
    }

    [Fact]
    public async Task Upload_RefusesSecretSources_AndSecretTargets()
    {
        var transfer = new FileTransfer(new FileTransferOptions(), _guard);
        (await Should.ThrowAsync<BastionException>(transfer.UploadAsync(_local, Path.Combine(_dir, "vault-link"), Path.Combine(_dir, "up.txt"), null, false, CancellationToken.None))).Message.ShouldContain("data directory");
        (await Should.ThrowAsync<BastionException>(transfer.UploadAsync(_local, Path.Combine(_dir, "notes.txt"), Path.Combine(_data, "policy.yaml"), null, false, CancellationToken.None))).Message.ShouldContain("is refused");
        File.Exists(Path.Combine(_data, "policy.yaml")).ShouldBeFalse();
    }
}
