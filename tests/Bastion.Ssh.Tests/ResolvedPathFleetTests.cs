using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Mcp;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Ssh.Tests;

/// <summary>
/// Secret paths on a real sshd host (fleet base 120, user fleet1), through the real MCP pipeline: the host resolves each
/// path in the same script as the read, so links the test makes in /tmp, /proc/self/root and /proc/self/cwd aliases,
/// /proc/PID/fd/N of a process holding a secret open, '..' and paths relative to a command's cwd, and private keys under
/// innocent names read in windows are all refused. Admin mode with a user who approves everything: even a confirmed
/// reader never prints a secret.
/// </summary>
public sealed class ResolvedPathFleetTests : IAsyncLifetime
{
    private const string Home = "/home/fleet1";
    private readonly LoopbackFleet _fleet = new(addressBase: 120);
    private readonly BastionPaths _paths = new(Path.Combine(Path.GetTempPath(), $"bastion-paths-fleet-{Guid.NewGuid():N}"));
    private readonly string _tmp = Path.Combine(Path.GetTempPath(), $"bastion-paths-host-{Guid.NewGuid():N}");
    private readonly string _suffix = Guid.NewGuid().ToString("N")[..8];
    private readonly string _key = RSA.Create(2048).ExportRSAPrivateKeyPem();
    private ServiceProvider _services = null!;
    private InProcessSession _session = null!;
    private Process? _holder;

    private string Notes => $"{Home}/notes-{_suffix}.txt";

    private string SshKey => $"{Home}/.ssh/id_paths_{_suffix}";

    private string Aws => $"{Home}/.aws-{_suffix}";

    public async Task InitializeAsync()
    {
        await _fleet.StartAsync(1);
        var options = new SshOptions { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };
        var pin = new SshRunner(_fleet.Host(1), options, _paths, acceptNewHostKey: true);
        (await pin.RunAsync(new CommandRequest(["true"]), CancellationToken.None)).ExitCode.ShouldBe(0);
        await InventoryFile.SaveAsync(_paths.InventoryFile, [_fleet.Host(1)], CancellationToken.None);

        // Files fleet1 can read: its own key, a key under an innocent name, cloud credentials, and links to them in /tmp.
        await File.WriteAllTextAsync(SshKey, _key + "\n");
        await File.WriteAllTextAsync(Notes, "agenda\n" + _key + "\n");
        Directory.CreateDirectory(Path.Combine(Aws, ".aws"));
        await File.WriteAllTextAsync(Path.Combine(Aws, ".aws", "credentials"), "[default]\naws_secret_access_key = abc\n");
        await File.WriteAllTextAsync($"{Home}/plain-{_suffix}.txt", "hello from fleet1\n");
        Directory.CreateDirectory(_tmp);
        File.CreateSymbolicLink(Path.Combine(_tmp, "keys.txt"), $"{Home}/.ssh/authorized_keys");
        File.CreateSymbolicLink(Path.Combine(_tmp, "aws.txt"), Path.Combine(Aws, ".aws", "credentials"));
        Directory.CreateSymbolicLink(Path.Combine(_tmp, "home"), Home);
        await RunAsync("chown", "-R", "-h", "fleet1:fleet1", SshKey, Notes, Aws, $"{Home}/plain-{_suffix}.txt", _tmp);

        // A process of fleet1 that holds authorized_keys open on fd 3.
        _holder = Process.Start("runuser", ["-u", "fleet1", "--", "sh", "-c", $"exec 3<{Home}/.ssh/authorized_keys; exec sleep 300"])!;

        var server = new BastionOptions { Paths = _paths, Mode = Core.Policy.Mode.Admin };
        _services = new ServiceCollection().AddBastion(server).AddSsh(options).BuildServiceProvider();
        var approveAll = ApprovingClient.Options();
        _session = await InProcessSession.StartAsync(_services, CancellationToken.None, approveAll);
    }

    public async Task DisposeAsync()
    {
        _holder?.Kill();
        _holder?.Dispose();
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        await _fleet.StopAsync(_paths.ControlDirectory);
        foreach (var file in new[] { SshKey, Notes, $"{Home}/plain-{_suffix}.txt" })
        {
            File.Delete(file);
        }

        Directory.Delete(Aws, recursive: true);
        Directory.Delete(_tmp, recursive: true);
        Directory.Delete(_paths.DataDirectory, recursive: true);
    }

    private static async Task RunAsync(string program, params string[] args)
    {
        using var process = Process.Start(program, args);
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', args)}");
    }

    private string Expand(string text) => text.Replace("{tmp}", _tmp, StringComparison.Ordinal).Replace("{notes}", Notes, StringComparison.Ordinal)
        .Replace("{key}", SshKey, StringComparison.Ordinal).Replace("{aws}", Aws, StringComparison.Ordinal)
        .Replace("{holder}", _holder!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>The one host's result of a fan-out tool: (status, error, structured result).</summary>
    private async Task<(string Status, string? Error, JsonElement Result)> CallAsync(string tool, Dictionary<string, object?> args)
    {
        args["target"] = "host01";
        var result = await _session.Client.CallToolAsync(tool, args);
        var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        result.IsError.ShouldNotBe(true, text);
        var host = result.StructuredContent!.Value.GetProperty("hosts")[0];
        return (host.GetProperty("status").GetString()!, host.TryGetProperty("error", out var e) ? e.GetString() : null, host.TryGetProperty("result", out var r) ? r : default);
    }

    [Theory]
    [InlineData("{tmp}/keys.txt")]
    [InlineData("{tmp}/aws.txt")]
    [InlineData("{tmp}/home/.ssh/authorized_keys")]
    [InlineData("/home/fleet1/.ssh/authorized_keys")]
    [InlineData("{key}")]
    [InlineData("/proc/self/root/home/fleet1/.ssh/authorized_keys")]
    [InlineData("/proc/self/cwd/.ssh/authorized_keys")]
    [InlineData("/proc/{holder}/fd/3")]
    [InlineData("/proc/{holder}/environ")]
    [InlineData("/proc/self/environ")]
    [InlineData("/etc/ssh/ssh_host_ed25519_key")]
    public async Task FilesRead_RefusesSecrets_ResolvedOnTheSshHost(string path)
    {
        var (status, error, _) = await CallAsync("files_read", new() { ["path"] = Expand(path) });
        status.ShouldBe("failed");
        error.ShouldNotBeNull().ShouldContain("is refused");
    }

    [Theory]
    [InlineData(0, 64)]
    [InlineData(100, 100)]
    [InlineData(1200, 32)]
    public async Task FilesRead_RefusesWindowsOfAKey_UnderAnInnocentName_OnTheSshHost(long offset, int length)
    {
        var (status, error, _) = await CallAsync("files_read", new() { ["path"] = Notes, ["offset"] = offset, ["length"] = length });
        status.ShouldBe("failed");
        error.ShouldNotBeNull().ShouldContain("private key");
    }

    [Fact]
    public async Task FilesRead_ReadsOrdinaryFiles_AndHarmlessProcFields_OnTheSshHost()
    {
        var (status, error, result) = await CallAsync("files_read", new() { ["path"] = $"{Home}/plain-{_suffix}.txt" });
        status.ShouldBe("ok", error);
        result.GetProperty("content").GetString().ShouldBe("hello from fleet1\n");
        (await CallAsync("files_read", new() { ["path"] = Expand("/proc/{holder}/status") })).Status.ShouldBe("ok");
    }

    [Theory]
    [InlineData("/home/fleet1/.ssh")]
    [InlineData("/proc/{holder}/fd")]
    [InlineData("/proc/self/fd")]
    public async Task FilesList_RefusesSecretDirectories_OnTheSshHost(string path)
    {
        var (status, error, _) = await CallAsync("files_list", new() { ["path"] = Expand(path) });
        status.ShouldBe("failed");
        error.ShouldNotBeNull().ShouldContain("is refused");
    }

    [Theory]
    [InlineData("cat authorized_keys", "/home/fleet1/.ssh")]
    [InlineData("cat .ssh/authorized_keys", null)]
    [InlineData("cat ../.ssh/authorized_keys", "/home/fleet1/.cache")]
    [InlineData("head -c 40 {notes}", null)]
    [InlineData("tail -c 200 {notes}", null)]
    [InlineData("grep -o . keys.txt", "{tmp}")]
    [InlineData("sh -c 'cat {tmp}/aws.txt'", null)]
    public async Task CommandsRun_RefusesReadersOfSecrets_RelativeToTheirCwd_OnTheSshHost(string line, string? cwd)
    {
        Directory.CreateDirectory($"{Home}/.cache");
        var args = new Dictionary<string, object?> { ["command"] = Expand(line) };
        if (cwd is not null)
        {
            args["cwd"] = Expand(cwd);
        }

        var (status, error, result) = await CallAsync("commands_run", args);
        status.ShouldBe("failed", result.ValueKind == JsonValueKind.Undefined ? error : result.ToString());
        error.ShouldNotBeNull().ShouldContain("is refused");
    }

    [Fact]
    public async Task CommandsRun_StillReadsOrdinaryFiles_OnTheSshHost()
    {
        var (status, error, result) = await CallAsync("commands_run", new() { ["command"] = $"cat plain-{_suffix}.txt", ["cwd"] = Home });
        status.ShouldBe("ok", error);
        result.GetProperty("stdout").GetString().ShouldBe("hello from fleet1\n");
    }
}
