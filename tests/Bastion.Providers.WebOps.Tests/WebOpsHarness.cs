using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.WebOps;
using Bastion.Mcp;
using Bastion.Mcp.Security;
using Bastion.Providers.WebOps.Api;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Bastion.Providers.WebOps.Tests;

/// <summary>
/// Bastion with the WebOps adapter, wired as the composition root would (AddBastion, AddWebOps, log redaction), with
/// its own data directory whose vault holds the WebOps credentials; optionally an MCP client over the real pipeline.
/// </summary>
internal sealed class WebOpsHarness : IAsyncDisposable
{
    /// <summary>Short waits, so tests stay fast: polls every 10 ms and unpaced, 2 retries 10 ms apart (10 s per attempt: a loaded machine answers slowly at first).</summary>
    public static readonly WebOpsOptions FastOptions = new()
    {
        PollInterval = TimeSpan.FromMilliseconds(10),
        RequestBudget = null,
        Http = new PlatformHttpOptions { AttemptTimeout = TimeSpan.FromSeconds(10), Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
    };

    private readonly ServiceProvider _services;
    private InProcessSession? _session;

    private readonly bool _ownsData;

    private WebOpsHarness(string data, bool ownsData, ServiceProvider services, List<string> logs)
    {
        DataDirectory = data;
        _ownsData = ownsData;
        _services = services;
        Logs = logs;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _services;

    /// <summary>Every log message written so far.</summary>
    public List<string> Logs { get; }

    public WebOpsClient Client => _services.GetRequiredService<WebOpsClient>();

    public McpClient Mcp => _session?.Client ?? throw new InvalidOperationException("Started without an MCP session.");

    /// <summary>
    /// Bastion whose vault holds <paramref name="vault"/> (names like <c>webops/url</c>); with an MCP session when
    /// <paramref name="mcp"/> is true. With <paramref name="dataDirectory"/>, a second process's view of that data
    /// directory (its vault as a previous harness left it; not deleted on dispose).
    /// </summary>
    public static async Task<WebOpsHarness> StartAsync(
        IReadOnlyDictionary<string, string> vault,
        bool mcp = false,
        Mode mode = Mode.Operator,
        McpClientOptions? client = null,
        WebOpsOptions? options = null,
        IReadOnlySet<string>? scopes = null,
        string? dataDirectory = null)
    {
        var data = dataDirectory ?? Directory.CreateTempSubdirectory("bastion-webops-").FullName;
        var paths = new BastionPaths(data);
        if (vault.Count > 0)
        {
            using var store = CredentialVault.Open(paths);
            foreach (var (name, value) in vault)
            {
                await store.SetAsync(CredentialVault.DefaultTenant, name, value, CancellationToken.None);
            }
        }

        var logs = new List<string>();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(new ListLoggerProvider(logs)))
            .AddBastion(new BastionOptions { Paths = paths, Mode = mode, Scopes = scopes })
            .AddWebOps(options ?? FastOptions)
            .AddLogRedaction()
            .BuildServiceProvider();
        var harness = new WebOpsHarness(data, dataDirectory is null, services, logs);
        if (mcp)
        {
            harness._session = await InProcessSession.StartAsync(services, CancellationToken.None, client);
        }

        return harness;
    }

    /// <summary>The vault of a session login against <paramref name="fake"/> (and its token, when <paramref name="token"/>).</summary>
    public static Dictionary<string, string> SessionVault(FakeWebOps fake, bool token = false)
    {
        var vault = new Dictionary<string, string>
        {
            ["webops/url"] = fake.Url,
            ["webops/username"] = fake.Options.Username,
            ["webops/password"] = fake.Options.Password,
        };
        if (token && fake.Options.Token is { } t)
        {
            vault["webops/token"] = t;
        }

        return vault;
    }

    /// <summary>The vault of a token-only setup against <paramref name="fake"/>.</summary>
    public static Dictionary<string, string> TokenVault(FakeWebOps fake, string? token = null) => new()
    {
        ["webops/url"] = fake.Url,
        ["webops/token"] = token ?? fake.Options.Token!,
    };

    /// <summary>Everything the audit log holds, as text.</summary>
    public string AuditText() =>
        Directory.Exists(Path.Combine(DataDirectory, "audit"))
            ? string.Join('\n', Directory.GetFiles(Path.Combine(DataDirectory, "audit"), "*.jsonl").Select(File.ReadAllText))
            : string.Empty;

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        await _services.DisposeAsync();
        if (_ownsData)
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
