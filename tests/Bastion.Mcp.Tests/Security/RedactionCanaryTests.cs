using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Logs;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Mcp.Security;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Protocol;

namespace Bastion.Mcp.Tests.Security;

/// <summary>
/// Plants secrets where tools will meet them (a log file, a config file, command output, the call's own arguments), then
/// looks for them in every result, every log message and every audit file.
/// </summary>
public sealed class RedactionCanaryTests : IAsyncLifetime
{
    private const string KnownSecret = "cnry-7f3a9c1e5b2d4f60";
    private const string Password = "hunter2-canary-PW";
    private const string AwsKey = "AKIAIOSFODNN7CANARY1";
    private const string KeyBody = "MIIEowIBAAKCAQEAcanaryBODYcanaryBODYcanaryBODYcanaryBODY";

    private readonly string _root = Directory.CreateTempSubdirectory("bastion-canary-").FullName;
    private readonly List<string> _logs = [];
    private ServiceProvider _services = null!;
    private InProcessSession _session = null!;

    public async Task InitializeAsync()
    {
        File.SetUnixFileMode(_root, (UnixFileMode)0x1ED);
        await File.WriteAllTextAsync(Path.Combine(_root, "app.log"), string.Join('\n',
            "started",
            $"connecting with token {KnownSecret}",
            $"db url postgres://app:{Password}@db.internal:5432/app",
            $"aws_access_key_id = {AwsKey}",
            "ready") + "\n");

        // A file that holds a private key is refused whole by the path guard (content check), so it sits apart.
        await File.WriteAllTextAsync(Path.Combine(_root, "key.log"), string.Join('\n', "-----BEGIN RSA PRIVATE KEY-----", KeyBody, "-----END RSA PRIVATE KEY-----") + "\n");
        var options = new BastionOptions
        {
            Paths = new BastionPaths(Path.Combine(_root, "data")),
            Mode = Mode.ReadOnly,
            Logs = new LogsOptions { AllowedRoots = [_root] },
        };
        _services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new LinesLoggerProvider(_logs)))
            .AddSingleton(new Redactor([KnownSecret]))
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

    [Fact]
    public async Task NoPlantedSecret_ReachesAResult_ALog_OrTheAuditLog()
    {
        var file = Path.Combine(_root, "app.log");
        var results = new List<CallToolResult>
        {
            await _session.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = file }),
            await _session.Client.CallToolAsync("files_read", new Dictionary<string, object?> { ["path"] = file }),
            await _session.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = $"cat {file}" }),
            await _session.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = file, ["pattern"] = KnownSecret }),
            await _session.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = $"grep {KnownSecret} /etc/{KnownSecret}" }),
            await _session.Client.CallToolAsync("files_read", new Dictionary<string, object?> { ["path"] = $"/nonexistent/{KnownSecret}" }),
            await _session.Client.CallToolAsync("files_read", new Dictionary<string, object?> { ["path"] = Path.Combine(_root, "key.log") }),
            await _session.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = Path.Combine(_root, "key.log") }),
        };

        var everything = new List<string>();
        foreach (var result in results)
        {
            everything.AddRange(result.Content.OfType<TextContentBlock>().Select(c => c.Text));
            if (result.StructuredContent is { } s)
            {
                everything.Add(s.GetRawText());
            }
        }

        // The tools did see the file: its harmless lines came back.
        string.Join('\n', everything).ShouldContain("ready");
        lock (_logs)
        {
            everything.AddRange(_logs);
        }

        everything.AddRange(Directory.GetFiles(Path.Combine(_root, "data", "audit"), "audit*.jsonl").Select(File.ReadAllText));
        foreach (var secret in (string[])[KnownSecret, Password, AwsKey, KeyBody])
        {
            everything.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked");
            // Nor in JSON-escaped form.
            everything.ShouldAllBe(text => !text.Contains(JsonSerializer.Serialize(secret).Trim('"'), StringComparison.Ordinal));
        }

        string.Join('\n', everything).ShouldContain("[REDACTED:");
    }
}
