using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Mcp.Security;
using Bastion.Testing;
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

    private readonly string _root = Directory.CreateTempSubdirectory("bastion-reshape-").FullName;
    private readonly List<string> _logs = [];
    private ServiceProvider _services = null!;
    private InProcessSession _session = null!;

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0x1ED);
        await File.WriteAllTextAsync(Path.Combine(_root, "app.conf"), $"name = app\napi = {Secret}\n");
        var options = new BastionOptions { Paths = new BastionPaths(Path.Combine(_root, "data")), Mode = Mode.ReadOnly };
        _services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new LinesLoggerProvider(_logs)))
            .AddSingleton(new Redactor([Secret]))
            .AddBastion(options)
            .AddLogRedaction()
            .BuildServiceProvider();
        _session = await InProcessSession.StartAsync(_services, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("grep -o . {0}")]
    [InlineData("grep -o .. {0}")]
    [InlineData("head -c 30 {0}")]
    [InlineData("tail -c 22 {0}")]
    public async Task CommandsRun_NeverReturnsAKnownSecret_CutOrReLaid(string command)
    {
        var file = Path.Combine(_root, "app.conf");
        var result = await _session.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, command, file) });

        var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)) + (result.StructuredContent?.GetRawText() ?? string.Empty);
        text.ShouldNotContain("Refused", Case.Sensitive, "the command must have run: " + text);
        List<string> everything = [text];
        lock (_logs)
        {
            _logs.Count.ShouldBeGreaterThan(0, "Trace logging is on");
            everything.AddRange(_logs);
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
        var logger = _services.GetRequiredService<ILoggerFactory>().CreateLogger("test");
        using (logger.BeginScope(new Dictionary<string, object?> { ["secret"] = string.Join('\n', Secret.ToCharArray()) }))
        {
#pragma warning disable CA1848, CA2254, CA1873 // a plain call is what an ad hoc log line looks like
            logger.LogTrace("one per line: " + string.Join("\\n", Secret.ToCharArray()) + " and --password hunter2-canary");
#pragma warning restore CA1848, CA2254, CA1873
        }

        lock (_logs)
        {
            var line = _logs.Last(l => l.Contains("one per line", StringComparison.Ordinal));
            line.ShouldContain("[REDACTED:known_secret]");
            line.ShouldNotContain("hunter2-canary");
            line.ShouldNotContain(Secret[..12]);
        }
    }
}
