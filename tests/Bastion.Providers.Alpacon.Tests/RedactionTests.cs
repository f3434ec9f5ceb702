using Bastion.Fakes.Alpacon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>The workspace token never shows: not in tool output, not in errors, not in logs, not in the audit log.</summary>
public sealed partial class RedactionTests
{
    private const string Token = "alpat-canary-5f3c9e1d7b2a4c6e8f0a";

    [Fact]
    public async Task TheToken_AppearsNowhere_EvenWhenAServerPrintsIt()
    {
        var file = Path.Combine(Path.GetTempPath(), $"alpacon-canary-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, $"token: {Token}\n");
        try
        {
            await using var fake = await AlpaconFake.StartAsync(new AlpaconFakeOptions { Token = Token });
            await using var harness = await AlpaconHarness.StartAsync(fake: fake);

            var printed = await harness.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["target"] = "web-01", ["argv"] = new[] { "cat", file } });
            var text = AlpaconHarness.Text(printed) + printed.StructuredContent?.GetRawText();
            text.ShouldNotContain(Token);
            text.ShouldContain("REDACTED");
            fake.Commands.Single().Result.ShouldContain(Token); // the server really printed it

            await harness.CallAsync("alpacon_list", new() { ["resource"] = "servers" });
            await harness.CallAsync("metrics_sample", new() { ["target"] = "db-01", ["seconds"] = 0.1 });
            Probe(harness.Services.GetRequiredService<ILogger<RedactionTests>>(), Token);

            harness.Logs.Lines.ShouldContain(l => l.Contains("probe", StringComparison.Ordinal));
            harness.Logs.Lines.ShouldAllBe(l => !l.Contains(Token, StringComparison.Ordinal));
            var audit = string.Join('\n', Directory.GetFiles(harness.Paths.AuditDirectory, "*.jsonl*").Select(File.ReadAllText));
            audit.ShouldContain("commands_run");
            audit.Split('\n').Where(l => l.Contains(Token, StringComparison.Ordinal)).ShouldBeEmpty();
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ARefusedToken_NeverAppearsInTheErrorOrTheNotes()
    {
        await using var fake = await AlpaconFake.StartAsync();
        await using var harness = await AlpaconHarness.StartAsync(fake: fake, token: Token);
        var error = await harness.ErrorAsync("alpacon_list", new() { ["resource"] = "servers" });
        error.ShouldContain("refused the API token");
        error.ShouldNotContain(Token);
        var hosts = await harness.Client.CallToolAsync("hosts_list", new Dictionary<string, object?>());
        (AlpaconHarness.Text(hosts) + hosts.StructuredContent?.GetRawText()).ShouldNotContain(Token);
        harness.Logs.Lines.ShouldAllBe(l => !l.Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AConfirmedCommandThatNamesTheToken_IsRedactedInTheAudit()
    {
        await using var fake = await AlpaconFake.StartAsync(new AlpaconFakeOptions { Token = Token });
        await using var harness = await AlpaconHarness.StartAsync(fake: fake);
        await harness.CallAsync("commands_run", new() { ["target"] = "web-01", ["command"] = $"echo {Token}" });
        var audit = string.Join('\n', Directory.GetFiles(harness.Paths.AuditDirectory, "*.jsonl*").Select(File.ReadAllText));
        audit.ShouldNotContain(Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "probe {Value}")]
    private static partial void Probe(ILogger logger, string value);
}
