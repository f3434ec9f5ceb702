using System.Diagnostics;
using System.Text.Json;
using Bastion.Testing;
using ModelContextProtocol.Client;

namespace Bastion.Tests;

/// <summary>
/// <c>bastion setup</c> driven by flags, and by a person at a real terminal (tmux send-keys / capture-pane), each ending
/// with a client configuration that starts a server which reaches the new host. Hosts on 127.0.0.112 and up.
/// </summary>
public sealed class SetupWizardTests : IAsyncLifetime
{
    private readonly LoopbackFleet _fleet = new(addressBase: 110);
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-setup-").FullName;

    public Task InitializeAsync() => _fleet.StartAsync(2);

    public async Task DisposeAsync()
    {
        await _fleet.StopAsync(new Core.Configuration.BastionPaths(_data).ControlDirectory);
        Directory.Delete(_data, recursive: true);
    }

    [Fact]
    public async Task Setup_WithFlags_AddsAndTestsTheHost_AndPrintsAWorkingClaudeDesktopConfig()
    {
        const string ApiKey = "cw-api-key-0123456789abcdef";
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, null, new Dictionary<string, string?> { ["CW_KEY"] = ApiKey },
            "setup", "--yes", "--data-dir", _data,
            "--add-host", $"host01={_fleet.Address(1)},user=fleet1,identity={_fleet.KeyFile},group=web",
            "--credential", "cloudways/prod=CW_KEY",
            "--mode", "operator", "--client", "claude-desktop", "--ssh-config", "/dev/null");
        code.ShouldBe(0, stderr);
        stdout.ShouldContain("Stored cloudways/prod in the vault");
        stdout.ShouldNotContain(ApiKey);
        (await File.ReadAllTextAsync(Path.Combine(_data, "vault.json"))).ShouldNotContain(ApiKey);
        stdout.ShouldContain("ok     host01 (host01) ED25519 SHA256:");
        stdout.ShouldContain("Done: 2 host(s), mode operator.");
        await AssertConfigReachesAsync(stdout, "@web", "host01");
    }

    [Fact]
    public async Task Setup_AtARealTerminal_AsksEachQuestion()
    {
        var session = $"bastion-setup-{Guid.NewGuid():N}";
        var bastion = $"dotnet {Path.Combine(AppContext.BaseDirectory, "bastion.dll")} setup --data-dir {_data} --ssh-config /dev/null";
        await Tmux("new-session", "-d", "-s", session, "-x", "250", "-y", "80", $"{bastion}; echo EXIT=$?; sleep 60");
        try
        {
            await WaitForAsync(session, "Which hosts should Bastion reach");
            await Tmux("send-keys", "-t", session, "Down", "Enter");
            foreach (var (prompt, answer) in new[]
            {
                ("Host name", "host02"), ("Address or DNS name", _fleet.Address(2)), ("SSH user", "fleet1"),
                ("Private key file", _fleet.KeyFile), ("Group", "db"), ("Add another host?", "n"),
            })
            {
                await WaitForAsync(session, prompt);
                await Tmux("send-keys", "-t", session, "-l", answer);
                await Tmux("send-keys", "-t", session, "Enter");
            }

            const string Token = "webops-token-5f4e3d2c1b0a";
            await WaitForAsync(session, "Add a hosting platform's credentials?");
            await Tmux("send-keys", "-t", session, "Down", "Down", "Down", "Down", "Enter");
            foreach (var (prompt, answer) in new[] { ("Control panel URL", "https://webops.example.org"), ("API token (hidden)", Token) })
            {
                await WaitForAsync(session, prompt);
                await Tmux("send-keys", "-t", session, "-l", answer);
                await Tmux("send-keys", "-t", session, "Enter");
            }

            await WaitForAsync(session, "API token (hidden): *");
            await WaitForAsync(session, "Add a hosting platform's credentials?");
            await Tmux("send-keys", "-t", session, "Enter");
            await WaitForAsync(session, "Stored webops/token in the vault");
            await WaitForAsync(session, "Which mode?");
            await Tmux("send-keys", "-t", session, "Enter");
            await WaitForAsync(session, "Which MCP client");
            await Tmux("send-keys", "-t", session, "Enter");
            await WaitForAsync(session, "EXIT=");
            var output = await Tmux("capture-pane", "-p", "-J", "-S", "-500", "-t", session);
            output.ShouldContain("EXIT=0");
            output.ShouldNotContain(Token);
            output.ShouldContain("Done: 2 host(s), mode read-only.");
            await AssertConfigReachesAsync(output, "@db", "host02");
        }
        finally
        {
            await Tmux("kill-session", "-t", session);
        }
    }

    private static async Task AssertConfigReachesAsync(string output, string target, string hostname)
    {
        var start = output.IndexOf("{\n  \"mcpServers\"", StringComparison.Ordinal);
        var json = output[start..(output.LastIndexOf('}') + 1)];
        var server = JsonDocument.Parse(json).RootElement.GetProperty("mcpServers").GetProperty("bastion");
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = server.GetProperty("command").GetString()!,
            Arguments = [.. server.GetProperty("args").EnumerateArray().Select(a => a.GetString()!)],
        }), StdioClients.Options);
        var result = await client.CallToolAsync("hosts_describe", new Dictionary<string, object?> { ["target"] = target });
        var outcome = result.StructuredContent!.Value.GetProperty("hosts")[0];
        outcome.GetProperty("status").GetString().ShouldBe("ok", outcome.GetRawText());
        outcome.GetProperty("result").GetProperty("hostname").GetString().ShouldBe(hostname);
    }

    private static async Task WaitForAsync(string session, string text)
    {
        for (var i = 0; i < 100; i++)
        {
            if ((await Tmux("capture-pane", "-p", "-t", session)).Contains(text, StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"'{text}' never appeared:\n{await Tmux("capture-pane", "-p", "-t", session)}");
    }

    private static async Task<string> Tmux(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}
