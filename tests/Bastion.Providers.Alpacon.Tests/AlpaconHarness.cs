using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.FanOut;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.Alpacon;
using Bastion.Mcp;
using Bastion.Mcp.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>
/// A fake Alpacon workspace ("acme") on loopback, a data directory whose vault configures it, and a Bastion server with
/// AddAlpacon (fast polling) reached by a real MCP client over the in-process pipes.
/// </summary>
public sealed class AlpaconHarness : IAsyncDisposable
{
    public const string Workspace = "acme";

    public static readonly AlpaconOptions FastOptions = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(40),
        ApprovalWait = TimeSpan.FromSeconds(3),
        TransferTimeout = TimeSpan.FromSeconds(20),
    };

    public static readonly PlatformHttpOptions FastHttp = new() { Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(10) };

    private readonly bool _ownFake;

    private AlpaconHarness(AlpaconFake fake, bool ownFake, BastionPaths paths, ServiceProvider services, InProcessSession session, CapturedLogs logs)
    {
        Fake = fake;
        _ownFake = ownFake;
        Paths = paths;
        Services = services;
        Session = session;
        Logs = logs;
    }

    public AlpaconFake Fake { get; }

    public BastionPaths Paths { get; }

    public ServiceProvider Services { get; }

    public InProcessSession Session { get; }

    public McpClient Client => Session.Client;

    public CapturedLogs Logs { get; }

    /// <summary>
    /// Starts a fake (or uses <paramref name="fake"/>), writes the vault, and starts Bastion with Alpacon. With
    /// <paramref name="elicitation"/> the client approves every question, adding its message to <paramref name="asked"/>.
    /// </summary>
    public static async Task<AlpaconHarness> StartAsync(
        Mode mode = Mode.Admin,
        IReadOnlySet<string>? scopes = null,
        bool elicitation = true,
        AlpaconFake? fake = null,
        AlpaconFakeOptions? fakeOptions = null,
        Action<IServiceCollection>? more = null,
        IEnumerable<Host>? inventory = null,
        string? token = null,
        List<string>? asked = null)
    {
        var own = fake is null;
        fake ??= await AlpaconFake.StartAsync(fakeOptions);
        var paths = new BastionPaths(Directory.CreateTempSubdirectory("bastion-alpacon-").FullName);
        await WriteVaultAsync(paths, fake.Url.ToString(), token ?? fake.Token);
        var policy = Path.Combine(paths.DataDirectory, "policy.yaml");
        await File.WriteAllTextAsync(policy, "rules:\n  - groups: [alpacon, fleet]\n    shell: true\n");
        if (inventory is not null)
        {
            await InventoryFile.SaveAsync(paths.InventoryFile, inventory.ToList(), CancellationToken.None);
        }

        var logs = new CapturedLogs();
        var options = new BastionOptions
        {
            Paths = paths,
            Mode = mode,
            Scopes = scopes,
            PolicyFile = policy,
            LocalHost = false,
            FanOut = new FanOutOptions { MaxHosts = 50 },
        };
        var collection = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddBastion(options)
            .AddAlpacon(FastHttp, FastOptions);
        more?.Invoke(collection);
        var services = collection.AddLogRedaction().BuildServiceProvider();
        var client = new McpClientOptions
        {
            ClientInfo = new Implementation { Name = "alpacon-tests", Version = "1" },
            Handlers = elicitation
                ? new McpClientHandlers
                {
                    ElicitationHandler = (request, _) =>
                    {
                        asked?.Add(request!.Message);
                        return ValueTask.FromResult(new ElicitResult
                        {
                            Action = "accept",
                            Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(true) },
                        });
                    },
                }
                : new McpClientHandlers(),
        };
        var session = await InProcessSession.StartAsync(services, CancellationToken.None, client);
        return new AlpaconHarness(fake, own, paths, services, session, logs);
    }

    /// <summary>Stores the workspace "acme" with its URL and token in the vault of <paramref name="paths"/>.</summary>
    public static async Task WriteVaultAsync(BastionPaths paths, string url, string token, string workspace = Workspace)
    {
        using var vault = CredentialVault.Open(paths);
        await vault.SetAsync(CredentialVault.DefaultTenant, "alpacon/workspaces", workspace, CancellationToken.None);
        await vault.SetAsync(CredentialVault.DefaultTenant, $"alpacon/{workspace}/token", token, CancellationToken.None);
        await vault.SetAsync(CredentialVault.DefaultTenant, $"alpacon/{workspace}/url", url, CancellationToken.None);
    }

    /// <summary>Calls a tool and returns its structured result; fails the test with the tool's text when it errs.</summary>
    public async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> args)
    {
        var result = await Client.CallToolAsync(tool, args);
        result.IsError.ShouldNotBe(true, Text(result) + "\n" + string.Join("\n", Logs.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal) || l.Contains("fail", StringComparison.OrdinalIgnoreCase))));
        return result.StructuredContent!.Value;
    }

    /// <summary>Calls a tool that must fail and returns its error text.</summary>
    public async Task<string> ErrorAsync(string tool, Dictionary<string, object?> args)
    {
        var result = await Client.CallToolAsync(tool, args);
        result.IsError.ShouldBe(true, result.StructuredContent?.GetRawText());
        return Text(result);
    }

    public static string Text(CallToolResult result) => string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    public static Dictionary<string, JsonElement> ByHost(JsonElement fanOut) =>
        fanOut.GetProperty("hosts").EnumerateArray().ToDictionary(h => h.GetProperty("host").GetString()!);

    public async ValueTask DisposeAsync()
    {
        await Session.DisposeAsync();
        await Services.DisposeAsync();
        if (_ownFake)
        {
            await Fake.DisposeAsync();
        }

        Directory.Delete(Paths.DataDirectory, recursive: true);
    }
}
