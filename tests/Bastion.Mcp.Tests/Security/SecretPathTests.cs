using System.Security.Cryptography;
using System.Text.Json;
using Bastion.Core.Logs;
using Bastion.Core.Policy;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>
/// Secrets stay unreadable through the real MCP pipeline in the default read-only mode, judged on what paths resolve to on
/// the host: symbolic links the test makes, /proc aliases, Bastion's own data directory and process, private keys under
/// innocent names read in windows; and transfers refuse bad or secret paths before any confirmation is asked.
/// </summary>
public sealed class SecretPathTests : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-secret-paths-").FullName;
    private readonly string _pid = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture);
    private TestServer _server = null!;
    private string _key = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(configure: o => o with { Logs = new LogsOptions { AllowedRoots = [_dir] } });
        File.WriteAllText(Path.Combine(_server.DataDirectory, "vault.key"), "bXktdmF1bHQta2V5LW1hdGVyaWFsLTMyLWJ5dGVzLWxvbmch\n");
        _key = RSA.Create(2048).ExportRSAPrivateKeyPem();
        File.WriteAllText(Path.Combine(_dir, "meeting-notes.txt"), _key + "\n");
        File.WriteAllText(Path.Combine(_dir, "app.log"), "ready\n");
        File.CreateSymbolicLink(Path.Combine(_dir, "today.log"), "/etc/shadow");
        File.CreateSymbolicLink(Path.Combine(_dir, "vault.txt"), Path.Combine(_server.DataDirectory, "vault.key"));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Expand(string path) => path.Replace("{dir}", _dir, StringComparison.Ordinal)
        .Replace("{data}", _server.DataDirectory, StringComparison.Ordinal).Replace("{pid}", _pid, StringComparison.Ordinal);

    private async Task<string> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await _server.Client.CallToolAsync(tool, arguments);
        var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        if (result.StructuredContent is { } structured && structured.TryGetProperty("hosts", out var hosts))
        {
            hosts[0].GetProperty("status").GetString().ShouldNotBe("ok", text);
            text = hosts[0].GetProperty("error").GetString()!;
        }
        else
        {
            result.IsError.ShouldBe(true, text);
        }

        return text;
    }

    [Theory]
    [InlineData("{dir}/today.log")]
    [InlineData("/proc/self/root/etc/shadow")]
    [InlineData("/proc/{pid}/environ")]
    [InlineData("/proc/{pid}/mem")]
    [InlineData("/proc/{pid}/cmdline")]
    [InlineData("{data}/vault.key")]
    [InlineData("{dir}/vault.txt")]
    [InlineData("/etc/ssh/ssh_host_ed25519_key")]
    public async Task FilesRead_RefusesSecrets_InReadOnlyMode(string path)
    {
        var error = await CallAsync("files_read", new() { ["path"] = Expand(path) });
        error.ShouldContain("is refused");
    }

    [Theory]
    [InlineData(0, 100)]
    [InlineData(200, 100)]
    [InlineData(900, 64)]
    public async Task FilesRead_RefusesEveryWindowOfAPrivateKey_UnderAnInnocentName(long offset, int length)
    {
        var error = await CallAsync("files_read", new() { ["path"] = Path.Combine(_dir, "meeting-notes.txt"), ["offset"] = offset, ["length"] = length });
        error.ShouldContain("private key");
        error.ShouldNotContain(_key.Split('\n')[2]);
    }

    [Theory]
    [InlineData("{data}")]
    [InlineData("/proc/{pid}")]
    [InlineData("/proc/self/fd")]
    public async Task FilesList_RefusesTheDataDirectory_AndProcessInternals(string path)
    {
        var error = await CallAsync("files_list", new() { ["path"] = Expand(path) });
        error.ShouldContain("is refused");
    }

    [Fact]
    public async Task LogsTail_RefusesALinkToASecret_InsideAnAllowedRoot()
    {
        var error = await CallAsync("logs_tail", new() { ["path"] = Path.Combine(_dir, "today.log") });
        error.ShouldContain("is refused");
    }

    [Theory]
    [InlineData("cat {dir}/today.log")]
    [InlineData("head -c 64 {dir}/meeting-notes.txt")]
    [InlineData("tail -c 300 {dir}/meeting-notes.txt")]
    [InlineData("grep -o . {dir}/vault.txt")]
    public async Task CommandsRun_RefusesReadOnlyReaders_WhoseFilesResolveToSecrets(string words)
    {
        var error = await CallAsync("commands_run", new() { ["argv"] = words.Split(' ').Select(Expand).ToArray() });
        error.ShouldContain("is refused");
    }

    [Fact]
    public async Task CommandsRun_StillReadsOrdinaryFiles()
    {
        var result = await _server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["argv"] = new[] { "cat", Path.Combine(_dir, "app.log") } });
        result.StructuredContent!.Value.GetProperty("hosts")[0].GetProperty("result").GetProperty("stdout").GetString().ShouldBe("ready\n");
    }

    [Theory]
    [InlineData("{dir}/app.log", "{dir}/dl/../copy.log", "'..'")]
    [InlineData("{dir}/app.log", "copy.log", "not absolute")]
    [InlineData("{dir}/app.log", "{data}/keys.json", "data directory")]
    [InlineData("{dir}/today.log", "{dir}/copy.log", "/etc/shadow")]
    [InlineData("{dir}/meeting-notes.txt", "{dir}/copy.log", "private key")]
    public async Task FilesDownload_IsRefusedBeforeAnyConfirmation(string path, string destination, string expected)
    {
        await using var operator_ = await TestServer.StartAsync(Mode.Operator);
        var result = await operator_.Client.CallToolAsync("files_download", new Dictionary<string, object?>
        {
            ["path"] = Expand(path).Replace(_server.DataDirectory, operator_.DataDirectory, StringComparison.Ordinal),
            ["destination"] = Expand(destination).Replace(_server.DataDirectory, operator_.DataDirectory, StringComparison.Ordinal),
        });
        var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        result.IsError.ShouldBe(true, text);
        text.ShouldContain(expected);
        text.ShouldNotContain("confirm=");
        File.Exists(Path.Combine(_dir, "copy.log")).ShouldBeFalse();
    }

    [Fact]
    public async Task FilesDownload_ShowsTheResolvedPaths_InThePlanItAsksToConfirm()
    {
        await using var operator_ = await TestServer.StartAsync(Mode.Operator);
        Directory.CreateSymbolicLink(Path.Combine(_dir, "out"), _dir);
        var result = await operator_.Client.CallToolAsync("files_download", new Dictionary<string, object?>
        {
            ["path"] = Path.Combine(_dir, "app.log"),
            ["destination"] = Path.Combine(_dir, "out", "copy.log"),
        });
        var plan = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)) + JsonSerializer.Serialize(result.StructuredContent);
        plan.ShouldContain("confirm");
        plan.ShouldContain($"destination on Bastion's machine is {Path.Combine(_dir, "copy.log")}");
    }
}
