using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.CloudStack;
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

    /// <summary>The header line of the table whose header starts with the pattern <paramref name="first"/>, and the rows under its rule.</summary>
    private static (string Header, List<string> Rows) Table(string text, string first)
    {
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\s*" + first) && !l.Contains(':', StringComparison.Ordinal));
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
        header.TrimStart().ShouldStartWith("pid");
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

        var (code, stdout, stderr) = await BastionProcess.RunInAsync(data, "call", "webops_deployment", "resource=list", "--table");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("total: 2");
        var (header, rows) = Table(stdout, "id");
        header.ShouldMatch(@"id\s+name\s+status");
        rows.Count.ShouldBe(2);
        rows.ShouldContain(r => r.Contains("shop-api") && r.Contains("running") && r.Contains("shop.example.org"));
        rows.ShouldContain(r => r.Contains("blog") && r.Contains("stopped"));
        stdout.ShouldNotContain("=");
    }

    [Theory]
    [InlineData("users_list", "limit=5", @"^name\s+uid\s+gid\s+groups\s+sudo\s+login", "root ")]
    [InlineData("groups_list", "limit=5", @"^name\s+gid\s+members\s+sudo", "root ")]
    [InlineData("packages_list", "limit=5", @"^name\s+version\s+architecture\s+installed size", "")]
    [InlineData("interfaces_list", "", @"^name\s+state\s+mtu\s+mac\s+addresses\s+flags", "lo ")]
    [InlineData("disks_list", "", @"^name\s+parent\s+type\s+size", "")]
    [InlineData("sockets_list", "", @"^protocol\s+address\s+port\s+process", "")]
    [InlineData("audit_search", "limit=3", @"^\s*seq\s+time \(UTC\)\s+principal\s+tool\s+targets\s+decision\s+outcome", "")]
    [InlineData("access_status", "", @"^field\s+value", "principal ")]
    [InlineData("metrics_top", "metric=cpu", @"^rank\s+host\s+value\s+trend/h\s+last\s+samples", "")]
    public async Task CallTable_ListTools_PrintOneRowPerItem_UnderReadableHeaders(string tool, string argument, string header, string row)
    {
        string[] args = argument.Length == 0 ? [tool] : [tool, argument];
        var text = await TableAsync(args);
        text.ShouldNotMatch(@"\b\w+=\S*\s+\w+=");
        var lines = text.Split('\n');
        var at = Array.FindIndex(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, header));
        at.ShouldBeGreaterThanOrEqualTo(0, $"no header matching {header} in:\n{text}");
        lines[at + 1].ShouldStartWith("-");
        if (row.Length > 0)
        {
            lines.Skip(at + 2).ShouldContain(l => l.StartsWith(row, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task CallTable_LogsTail_IsOneRowPerLine()
    {
        var logs = Directory.CreateTempSubdirectory("bastion-table-logs-").FullName;
        var file = Path.Combine(logs, "app.log");
        await File.WriteAllLinesAsync(file, ["2026-12-06T08:00:00Z first line", "2026-12-06T08:00:01Z second line", "2026-12-06T08:00:02Z third line"]);
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "call", "logs_tail", $"path={file}", "limit=2", "--log-root", logs, "--table");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain($"source: {file}");
        var (header, rows) = Table(stdout, "line");
        header.Trim().ShouldBe("line");
        rows.ShouldBe(["2026-12-06T08:00:01Z second line", "2026-12-06T08:00:02Z third line"]);
    }

    [Fact]
    public async Task CallTable_MetricsHistory_ShowsSeriesAndCoverageTables()
    {
        var text = await TableAsync("metrics_history", "target=local", "since=-1h");
        var (series, _) = Table(text, @"host\s+metric");
        series.ShouldMatch(@"host\s+metric\s+instance\s+min\s+avg\s+max\s+p95\s+last\s+trend/h\s+points");
        var (coverage, rows) = Table(text, @"host\s+source");
        coverage.ShouldContain("samples");
        rows.ShouldHaveSingleItem().ShouldStartWith("local ");
    }

    [Fact]
    public async Task CallTable_CloudStackZones_IsOneRowPerZone()
    {
        await using var fake = await CloudStackFake.StartAsync();
        var data = Directory.CreateTempSubdirectory("bastion-table-cloudstack-").FullName;
        using (var vault = CredentialVault.Open(new BastionPaths(data)))
        {
            await vault.SetAsync(CredentialVault.DefaultTenant, "cloudstack/url", fake.Url.ToString(), CancellationToken.None);
            await vault.SetAsync(CredentialVault.DefaultTenant, "cloudstack/api-key", fake.Options.ApiKey, CancellationToken.None);
            await vault.SetAsync(CredentialVault.DefaultTenant, "cloudstack/secret-key", fake.Options.SecretKey, CancellationToken.None);
        }

        var (code, stdout, stderr) = await BastionProcess.RunInAsync(data, "call", "cloudstack_list", "resource=zones", "--table");
        code.ShouldBe(0, stderr);
        var (header, rows) = Table(stdout, "id");
        header.ShouldMatch(@"^id\s+name\s+network type");
        rows.ShouldContain(r => r.StartsWith(FakeSeed.ZoneA, StringComparison.Ordinal));
        rows.ShouldContain(r => r.StartsWith(FakeSeed.ZoneB, StringComparison.Ordinal));
        stdout.ShouldNotMatch(@"\b\w+=\S*\s+\w+=");
    }
}
