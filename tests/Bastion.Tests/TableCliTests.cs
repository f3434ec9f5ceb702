using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.WebOps;

namespace Bastion.Tests;

/// <summary><c>bastion call TOOL --table</c> run as a process on this machine (and a platform tool against the WebOps fake).</summary>
public sealed class TableCliTests
{
    /// <summary>This class's own data directory: an audit log has one writer, and other classes run beside this one.</summary>
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-table-cli-").FullName;

    private async Task<string> TableAsync(params string[] args)
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, ["call", .. args, "--table"]);
        code.ShouldBe(0, stderr);
        stdout.ShouldNotContain("\u001b[");
        return stdout;
    }

    /// <summary>The header line of the table whose header starts with <paramref name="first"/>, and the rows under its rule.</summary>
    private static (string Header, List<string> Rows) Table(string text, string first)
    {
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => l.TrimStart().StartsWith(first, StringComparison.Ordinal) && !l.Contains(':', StringComparison.Ordinal));
        at.ShouldBeGreaterThanOrEqualTo(0, $"no table starting with '{first}' in:\n{text}");
        lines[at + 1].ShouldStartWith("-");
        return (lines[at], [.. lines.Skip(at + 2).TakeWhile(l => l.Length > 0 && !l.StartsWith('-') && !l.StartsWith('('))]);
    }

    [Fact]
    public async Task CallTable_MetricsSample_IsOneRowPerHostWithHeadlineFigures()
    {
        var text = await TableAsync("metrics_sample", "seconds=0.1");
        var (header, rows) = Table(text, "host");
        foreach (var column in new[] { "cpu %", "load1", "mem %", "mem avail", "fullest disk %", "rx", "tx" })
        {
            header.ShouldContain(column);
        }

        rows.Count.ShouldBe(1);
        rows[0].ShouldStartWith("local ");
        rows[0].ShouldMatch(@"\d+(\.\d+)? GiB");
        rows[0].ShouldContain("B/s");
        var (disks, mounts) = Table(text, "mount");
        disks.ShouldContain("used %");
        mounts.ShouldContain(r => r.StartsWith("/ ", StringComparison.Ordinal));
        text.ShouldNotContain("total_bytes");
        text.ShouldNotContain("busy_percent=");
    }

    [Fact]
    public async Task CallTable_ProcessesList_IsOneRowPerProcess()
    {
        var (header, rows) = Table(await TableAsync("processes_list", "limit=3", "seconds=0.1"), "pid");
        header.ShouldContain("cpu %");
        header.ShouldContain("rss");
        header.ShouldContain("command");
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => r.TrimStart().Length > 0 && char.IsAsciiDigit(r.TrimStart()[0]));
    }

    [Fact]
    public async Task CallTable_FilesList_IsOneRowPerEntry_WithSizeMtimeAndMode()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-table-files-").FullName;
        await File.WriteAllTextAsync(Path.Combine(dir, "hello.txt"), "12345");
        File.SetUnixFileMode(Path.Combine(dir, "hello.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        var text = await TableAsync("files_list", $"path={dir}");
        text.ShouldContain($"path: {dir}");
        var (header, rows) = Table(text, "name");
        header.ShouldContain("size");
        header.ShouldContain("mtime (UTC)");
        header.ShouldContain("mode");
        rows.Count.ShouldBe(2);
        rows.ShouldContain(r => r.StartsWith("hello.txt", StringComparison.Ordinal) && r.Contains("5 B") && r.Contains("640") && r.Contains(DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        rows.ShouldContain(r => r.StartsWith("sub", StringComparison.Ordinal) && r.Contains("directory"));
    }

    [Fact]
    public async Task CallTable_CommandsRun_ShowsExitAndTheFirstLineOfOutput()
    {
        var text = await TableAsync("commands_run", "command=uname -s");
        var (header, rows) = Table(text, "host");
        header.ShouldContain("exit");
        header.ShouldContain("output (first line)");
        rows.ShouldHaveSingleItem().ShouldMatch(@"^local\s+0\s+.*Linux");
    }

    [Fact]
    public async Task CallTable_HostsList_ShowsNameBackendAddressAndGroups()
    {
        var (header, rows) = Table(await TableAsync("hosts_list"), "name");
        header.ShouldMatch(@"name\s+backend\s+address\s+port\s+user\s+groups\s+labels");
        rows.ShouldContain(r => r.StartsWith("local ", StringComparison.Ordinal) && r.Contains("localhost"));
    }

    [Fact]
    public async Task CallTable_FailedHost_IsARowWithItsStatusAndError()
    {
        var data = Directory.CreateTempSubdirectory("bastion-table-fail-").FullName;
        var (code, _, stderr) = await BastionProcess.RunInAsync(data, "hosts", "add", "gone", "--address", "127.0.0.1", "--port", "1", "--no-test");
        code.ShouldBe(0, stderr);
        (code, var stdout, stderr) = await BastionProcess.RunInAsync(data, "call", "hosts_describe", "target=all", "--table");
        code.ShouldBe(0, stderr);
        stdout.ShouldStartWith("2 hosts: 1 ok, 1 ");
        var (header, rows) = Table(stdout, "host");
        header.ShouldContain("status");
        header.ShouldContain("error");
        rows.Count.ShouldBe(2);
        rows.ShouldContain(r => r.StartsWith("local ", StringComparison.Ordinal));
        rows.ShouldContain(r => r.StartsWith("gone ", StringComparison.Ordinal) && (r.Contains("unreachable") || r.Contains("failed")) && r.Contains("cannot connect to 127.0.0.1:1"));
    }

    [Fact]
    public async Task CallTable_CutsLinesToTheTerminalWidth_AndNamesTheColumnsLeftOut()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(
            _data, null, new Dictionary<string, string?> { ["COLUMNS"] = "60" }, "call", "processes_list", "limit=3", "seconds=0.1", "--table");
        code.ShouldBe(0, stderr);
        var lines = stdout.Split('\n');
        var (header, rows) = Table(stdout, "pid");
        header.ShouldStartWith("  pid");
        rows.Count.ShouldBe(3);
        rows.Append(header).ShouldAllBe(l => l.Length <= 60);
        lines.ShouldContain(l => l.Contains("left out for the terminal's width") && l.Contains("command"));
    }

    [Fact]
    public async Task CallTable_WebOpsDeployments_IsOneRowPerDeployment()
    {
        await using var fake = await FakeWebOps.StartAsync();
        fake.Mutate(s =>
        {
            s.Create("admin", "shop-api", "https://git.example.org/acme/shop.git", "main", "shop.example.org", [], "running");
            s.Create("admin", "blog", "https://git.example.org/me/blog.git", "main", string.Empty, [], "stopped");
        });
        var data = Directory.CreateTempSubdirectory("bastion-table-webops-").FullName;
        using (var vault = CredentialVault.Open(new BastionPaths(data)))
        {
            await vault.SetAsync(CredentialVault.DefaultTenant, "webops/url", fake.Url, CancellationToken.None);
            await vault.SetAsync(CredentialVault.DefaultTenant, "webops/username", fake.Options.Username, CancellationToken.None);
            await vault.SetAsync(CredentialVault.DefaultTenant, "webops/password", fake.Options.Password, CancellationToken.None);
        }

        var (code, stdout, stderr) = await BastionProcess.RunInAsync(data, "call", "webops_deployments_list", "--table");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("total: 2");
        var (header, rows) = Table(stdout, "id");
        header.ShouldMatch(@"id\s+name\s+status");
        rows.Count.ShouldBe(2);
        rows.ShouldContain(r => r.Contains("shop-api") && r.Contains("running") && r.Contains("shop.example.org"));
        rows.ShouldContain(r => r.Contains("blog") && r.Contains("stopped"));
        stdout.ShouldNotContain("=");
    }
}
