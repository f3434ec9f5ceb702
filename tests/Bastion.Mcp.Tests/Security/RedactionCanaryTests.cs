using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Logs;
using Bastion.Core.Policy;
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

    private LoggedServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await LoggedServer.StartAsync("bastion-canary-", [KnownSecret], root => new BastionOptions
        {
            Paths = new BastionPaths(Path.Combine(root, "data")),
            Mode = Mode.ReadOnly,
            Logs = new LogsOptions { AllowedRoots = [root] },
        });
        await File.WriteAllTextAsync(Path.Combine(_server.Root, "app.log"), string.Join('\n',
            "started",
            $"connecting with token {KnownSecret}",
            $"db url postgres://app:{Password}@db.internal:5432/app",
            $"aws_access_key_id = {AwsKey}",
            "ready") + "\n");

        // A file that holds a private key is refused whole by the path guard (content check), so it sits apart.
        await File.WriteAllTextAsync(Path.Combine(_server.Root, "key.log"), string.Join('\n', "-----BEGIN RSA PRIVATE KEY-----", KeyBody, "-----END RSA PRIVATE KEY-----") + "\n");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task NoPlantedSecret_ReachesAResult_ALog_OrTheAuditLog()
    {
        var file = Path.Combine(_server.Root, "app.log");
        var results = new List<CallToolResult>
        {
            await _server.Session.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = file }),
            await _server.Session.Client.CallToolAsync("files_read", new Dictionary<string, object?> { ["path"] = file }),
            await _server.Session.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = $"cat {file}" }),
            await _server.Session.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = file, ["pattern"] = KnownSecret }),
            await _server.Session.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = $"grep {KnownSecret} /etc/{KnownSecret}" }),
            await _server.Session.Client.CallToolAsync("files_read", new Dictionary<string, object?> { ["path"] = $"/nonexistent/{KnownSecret}" }),
            await _server.Session.Client.CallToolAsync("files_read", new Dictionary<string, object?> { ["path"] = Path.Combine(_server.Root, "key.log") }),
            await _server.Session.Client.CallToolAsync("logs_tail", new Dictionary<string, object?> { ["path"] = Path.Combine(_server.Root, "key.log") }),
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
        lock (_server.Logs)
        {
            everything.AddRange(_server.Logs);
        }

        everything.AddRange(Directory.GetFiles(Path.Combine(_server.Root, "data", "audit"), "audit*.jsonl").Select(File.ReadAllText));
        foreach (var secret in (string[])[KnownSecret, Password, AwsKey, KeyBody])
        {
            everything.ShouldAllBe(text => !text.Contains(secret, StringComparison.Ordinal), $"'{secret}' leaked");
            // Nor in JSON-escaped form.
            everything.ShouldAllBe(text => !text.Contains(JsonSerializer.Serialize(secret).Trim('"'), StringComparison.Ordinal));
        }

        string.Join('\n', everything).ShouldContain("[REDACTED:");
    }
}
