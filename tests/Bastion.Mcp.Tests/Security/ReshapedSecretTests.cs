using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>
/// A known secret read back through the real pipeline cut one or two characters per line, or in a byte window, by
/// real programs: neither the result nor any log line (Trace included) carries it or a long-enough piece of it.
/// </summary>
public sealed class ReshapedSecretTests : IAsyncLifetime
{
    private const string Secret = "vK3p9Qz7Lm2Xw8Rt5Nb1Hc6Jd4Fg0Sa";

    private LoggedServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoggedServer.StartAsync("bastion-reshape-", [Secret]);
        await File.WriteAllTextAsync(Path.Combine(_server.Root, "app.conf"), $"name = app\napi = {Secret}\n");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("grep -o . {0}")]
    [InlineData("grep -o .. {0}")]
    [InlineData("head -c 30 {0}")]
    [InlineData("tail -c 22 {0}")]
    public async Task CommandsRun_NeverReturnsAKnownSecret_CutOrReLaid(string command)
    {
        var file = Path.Combine(_server.Root, "app.conf");
        var result = await _server.Session.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, command, file) });

        var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)) + (result.StructuredContent?.GetRawText() ?? string.Empty);
        text.ShouldNotContain("Refused", Case.Sensitive, "the command must have run: " + text);
        List<string> everything = [text];
        lock (_server.Logs)
        {
            _server.Logs.Count.ShouldBeGreaterThan(0, "Trace logging is on");
            everything.AddRange(_server.Logs);
        }

        var hex = Convert.ToHexStringLower(System.Text.Encoding.ASCII.GetBytes(Secret));
        foreach (var output in everything)
        {
            var letters = new string([.. output.Replace("\\n", "\n", StringComparison.Ordinal).Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
            for (var i = 0; i + 12 <= Secret.Length; i++)
            {
                letters.ShouldNotContain(Secret.Substring(i, 12).ToLowerInvariant(), Case.Sensitive, $"{command}: {output}");
            }

            for (var i = 0; i + 24 <= hex.Length; i++)
            {
                letters.ShouldNotContain(hex.Substring(i, 24), Case.Sensitive, $"{command}: {output}");
            }
        }

        text.ShouldContain("[REDACTED:known_secret]");
    }

    [Fact]
    public void Logs_AreRedacted_AtTraceLevel_InMessagesAndScopes()
    {
        var logger = _server.Services.GetRequiredService<ILoggerFactory>().CreateLogger("test");
        using (logger.BeginScope(new Dictionary<string, object?> { ["secret"] = string.Join('\n', Secret.ToCharArray()) }))
        {
#pragma warning disable CA1848, CA2254, CA1873 // a plain call is what an ad hoc log line looks like
            logger.LogTrace("one per line: " + string.Join("\\n", Secret.ToCharArray()) + " and --password hunter2-canary");
#pragma warning restore CA1848, CA2254, CA1873
        }

        lock (_server.Logs)
        {
            var line = _server.Logs.Last(l => l.Contains("one per line", StringComparison.Ordinal));
            line.ShouldContain("[REDACTED:known_secret]");
            line.ShouldNotContain("hunter2-canary");
            line.ShouldNotContain(Secret[..12]);
        }
    }
}
