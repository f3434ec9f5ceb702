using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Bastion.Tests;

/// <summary>
/// <c>bastion</c> with no verb: served over stdio when a client launches it (as <c>uvx alpacon-mcp</c> is), its options
/// from <c>BASTION_*</c> variables; at a real terminal (a pty from <c>script</c>) it offers setup, or prints a status.
/// </summary>
public sealed class BareStartCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-bare-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Bare_ServesMcp_WhenAClientLaunchesIt_WithOptionsFromTheEnvironment()
    {
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "bastion.dll")],
            Name = "bare",
            EnvironmentVariables = new Dictionary<string, string?> { ["BASTION_DATA_DIR"] = _data, ["BASTION_MODE"] = "operator", ["BASTION_TOOLSETS"] = "-logs" },
        });
        await using var client = await McpClient.CreateAsync(transport, StdioClients.Options);

        var names = (await client.ListToolsAsync()).Select(t => t.Name).ToList();

        names.ShouldContain("metrics_sample");
        names.ShouldContain("files_upload", "BASTION_MODE=operator serves the writing tools");
        names.ShouldNotContain("logs_tail", "BASTION_TOOLSETS=-logs leaves the logs toolset out");
        var sample = await client.CallToolAsync("metrics_sample");
        sample.IsError.ShouldNotBe(true);
    }

    [Fact]
    public async Task Bare_OffersSetup_AtATerminal_WhenNothingIsConfigured()
    {
        var output = await AtTerminalAsync("n\n");

        output.ShouldContain("Bastion is not set up on this machine yet");
        output.ShouldContain("Run bastion setup now? [Y/n]");
        output.ShouldContain("bastion config claude-desktop --install");
        File.Exists(Path.Combine(_data, "inventory.yaml")).ShouldBeFalse("answering n runs nothing");
    }

    [Fact]
    public async Task Bare_PrintsAStatus_AtATerminal_WhenConfigured()
    {
        await File.WriteAllTextAsync(Path.Combine(_data, "inventory.yaml"), "hosts:\n- name: web-01\n  address: 127.0.0.1\n");

        var output = await AtTerminalAsync(string.Empty, ("CLOUDSTACK_API_URL", "http://127.0.0.1:9/client/api"));

        output.ShouldContain($"data in {_data}; 2 host(s); platforms: cloudstack.");
        output.ShouldNotContain("not set up");
    }

    [Fact]
    public async Task Help_NamesEachOptionsEnvironmentVariable()
    {
        var (code, stdout, _) = await BastionProcess.RunInAsync(_data, "serve", "--help");

        code.ShouldBe(0);
        foreach (var variable in new[] { "BASTION_MODE", "BASTION_TOOLSETS", "BASTION_HTTP", "BASTION_MAX_HOSTS", "BASTION_LOG_LEVEL", "BASTION_RATE_LIMIT" })
        {
            stdout.ShouldContain(variable);
        }
    }

    [Fact]
    public async Task EnvironmentOption_IsRefusedLikeItsFlag_AndNamed_WhenInvalid()
    {
        var (code, _, stderr) = await BastionProcess.RunInAsync(_data, null, new Dictionary<string, string?> { ["BASTION_MODE"] = "root" }, "tools");

        code.ShouldNotBe(0);
        stderr.ShouldContain("is not a mode");
        stderr.ShouldContain("BASTION_MODE");
    }

    /// <summary>Runs bare <c>bastion</c> in a pseudo-terminal (util-linux <c>script</c>), typing <paramref name="input"/>; returns what the terminal showed.</summary>
    private async Task<string> AtTerminalAsync(string input, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add($"dotnet '{Path.Combine(AppContext.BaseDirectory, "bastion.dll")}'");
        start.ArgumentList.Add("/dev/null");
        start.Environment["BASTION_DATA_DIR"] = _data;
        start.Environment["COLUMNS"] = "250";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(input);
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        process.StandardInput.Close();
        return (await stdout).Replace("\r", string.Empty, StringComparison.Ordinal);
    }
}
