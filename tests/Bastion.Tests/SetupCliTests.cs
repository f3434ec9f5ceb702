using System.Diagnostics;
using System.Text.Json;
using Bastion.Testing;
using ModelContextProtocol.Client;

namespace Bastion.Tests;

/// <summary><c>bastion config</c>, <c>bastion doctor</c> and the .NET tool package, used as a newcomer would.</summary>
public sealed class SetupCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-setup-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Config_ClaudeDesktop_PastedAsIs_StartsAWorkingServer()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, "config", "claude-desktop", "--data-dir", _data);
        code.ShouldBe(0, stderr);
        stderr.ShouldContain("claude_desktop_config.json");
        var server = JsonDocument.Parse(stdout).RootElement.GetProperty("mcpServers").GetProperty("bastion");
        var command = server.GetProperty("command").GetString()!;
        var args = server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!).ToList();
        args.ShouldContain("serve");
        args.ShouldContain(_data);

        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions { Command = command, Arguments = args, Name = "claude-desktop-like" }), StdioClients.Options);
        (await client.ListToolsAsync()).Select(t => t.Name).ShouldContain("metrics_sample");
    }

    [Theory]
    [InlineData("claude-code", "\"type\": \"stdio\"")]
    [InlineData("cursor", "\"mcpServers\"")]
    [InlineData("vscode", "\"type\": \"stdio\"")]
    public async Task Config_PrintsEachClientsForm(string clientName, string expected)
    {
        var (code, stdout, _) = await BastionProcess.RunInAsync(_data, "config", clientName, "--mode", "operator");
        code.ShouldBe(0);
        stdout.ShouldContain(expected);
        stdout.ShouldContain("--mode");
    }

    [Fact]
    public async Task Doctor_SaysHowToFix_AWritableDataDirectory_AndAnUnreachableHost()
    {
        File.SetUnixFileMode(_data, (UnixFileMode)0x1FF);
        await File.WriteAllTextAsync(Path.Combine(_data, "inventory.yaml"), "hosts:\n- name: nowhere\n  address: 127.0.0.1\n  port: 1\n");
        var (code, stdout, _) = await BastionProcess.RunInAsync(_data, "doctor", "--ssh-config", "/dev/null");
        code.ShouldBe(1);
        stdout.ShouldContain("is writable by others (777)");
        stdout.ShouldContain($"chmod 700 '{_data}'");
        stdout.ShouldContain("host nowhere");
        stdout.ShouldContain("Connection refused");

        File.SetUnixFileMode(_data, (UnixFileMode)0x1C0);
        File.Delete(Path.Combine(_data, "inventory.yaml"));
        (code, stdout, _) = await BastionProcess.RunInAsync(_data, "doctor");
        code.ShouldBe(0, stdout);
        stdout.ShouldContain("(700)");
    }

    [Fact]
    public async Task Package_InstallsAsADotnetTool_ThatServes()
    {
        var work = Directory.CreateTempSubdirectory("bastion-pack-").FullName;
        try
        {
            await Run("dotnet", "pack", Path.Combine(Repository.Root, "src", "Bastion"), "-c", "Release", "-o", Path.Combine(work, "pkg"), "-nologo", "-v", "q");
            var nupkg = Directory.GetFiles(Path.Combine(work, "pkg"), "BastionMcp.*.nupkg").ShouldHaveSingleItem();
            using (var zip = System.IO.Compression.ZipFile.OpenRead(nupkg))
            {
                zip.Entries.Select(e => e.FullName).ShouldContain(".mcp/server.json");
                using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName == "BastionMcp.nuspec").Open());
                var text = await nuspec.ReadToEndAsync();
                text.ShouldContain("McpServer");
                text.ShouldContain("DotnetTool");
            }

            await Run("dotnet", "tool", "install", "--tool-path", Path.Combine(work, "tools"), "--add-source", Path.Combine(work, "pkg"), "BastionMcp");
            var output = await Run(Path.Combine(work, "tools", "bastion"), "tools", "--json", "--data-dir", _data);
            JsonDocument.Parse(output).RootElement.GetProperty("tools").GetArrayLength().ShouldBeGreaterThan(10);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<string> Run(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{program} {string.Join(' ', args)}: {await stderr}{await stdout}");
        return await stdout;
    }
}
