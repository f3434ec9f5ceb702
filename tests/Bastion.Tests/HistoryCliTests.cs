using System.Diagnostics;
using ModelContextProtocol.Client;

namespace Bastion.Tests;

public sealed class HistoryCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-history-cli-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    [Fact]
    public async Task Serve_StartsTheCollector_AfterAnsweringInitialize_AndAnswersFromItsHistory()
    {
        await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
        {
            Command = "dotnet",
            Arguments = [Path.Combine(AppContext.BaseDirectory, "bastion.dll"), "serve", "--data-dir", _data, "--collect-interval", "1s"],
            Name = "history-client",
        }), StdioClients.Options);

        // The collector starts once initialize was answered; wait (bounded) for its second tick, which has CPU rates.
        for (var attempt = 0; ; attempt++)
        {
            var result = await client.CallToolAsync("metrics_history", new Dictionary<string, object?> { ["metrics"] = "cpu", ["since"] = "-5m" });
            result.IsError.ShouldNotBe(true);
            var host = result.StructuredContent!.Value.GetProperty("hosts")[0];
            if (host.GetProperty("series").EnumerateArray().Any(s => s.GetProperty("metric").GetString() == "cpu.busy_percent"))
            {
                host.GetProperty("coverage").GetProperty("ticks").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
                break;
            }

            attempt.ShouldBeLessThan(240, "no CPU history after 60 s of a 1 s collector");
            await Task.Delay(250);
        }

        File.Exists(Path.Combine(_data, "history.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task Collect_IsRefused_WhileAnotherCollectorWritesTheDataDirectory()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "bastion.dll"), "collect", "--data-dir", _data, "--collect-interval", "1s" })
        {
            start.ArgumentList.Add(arg);
        }

        using var first = Process.Start(start)!;
        try
        {
            var db = Path.Combine(_data, "history.db");
            for (var i = 0; !File.Exists(db); i++)
            {
                first.HasExited.ShouldBeFalse();
                i.ShouldBeLessThan(600, "the first collector did not create history.db in 60 s");
                await Task.Delay(100);
            }

            var (code, _, stderr) = await BastionProcess.RunInAsync(_data, "collect");
            code.ShouldBe(1);
            stderr.ShouldContain("Another collector already writes the history of");
        }
        finally
        {
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }
    }
}
