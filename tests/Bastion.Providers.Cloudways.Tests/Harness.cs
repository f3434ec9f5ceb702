using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.Cloudways;
using Bastion.Mcp;
using Bastion.Mcp.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// A Cloudways fake on loopback and a Bastion container wired as the composition root wires it (AddBastion, then
/// AddCloudways, then log redaction), with the credentials in a vault of its own data directory and every log line kept;
/// optionally an MCP client talking to it over in-memory pipes through the real call pipeline.
/// </summary>
public sealed class Harness : IAsyncDisposable
{
    public const string Email = "ops@example.test";
    public const string ApiKey = "cw-apikey-7d1f0c9a4e2b";
    public const string FullToken = "cwat-full-3c9e5a7b1d2f4860";
    public const string ReadToken = "cwat-read-8b6d4f2a0c1e3957";

    private InProcessSession? _session;

    private Harness(CloudwaysFake? fake, string data, ServiceProvider services, ListLoggerProvider logs, ManualClock clock)
    {
        Fake = fake!;
        DataDirectory = data;
        Services = services;
        Logs = logs;
        Clock = clock;
    }

    public CloudwaysFake Fake { get; }

    public string DataDirectory { get; }

    public ServiceProvider Services { get; }

    public ListLoggerProvider Logs { get; }

    public ManualClock Clock { get; }

    public McpClient Client => _session?.Client ?? throw new InvalidOperationException("Start the harness with session: true.");

    /// <summary>Options fast enough for tests: short timeouts, polls every 20 ms, tiny backoffs.</summary>
    public static CloudwaysOptions FastOptions(PlatformHttpOptions? http = null) => new()
    {
        Http = http ?? new PlatformHttpOptions { AttemptTimeout = TimeSpan.FromSeconds(3), Retries = 2, RetryDelay = TimeSpan.FromMilliseconds(10) },
        PollInterval = TimeSpan.FromMilliseconds(20),
        PollTimeout = TimeSpan.FromSeconds(5),
        Tokens = new Core.Credentials.TokenProviderOptions { BaseDelay = TimeSpan.FromMilliseconds(10), MaxDelay = TimeSpan.FromMilliseconds(50), AttemptTimeout = TimeSpan.FromSeconds(5) },
    };

    /// <summary>Starts a fake and a Bastion container configured for it.</summary>
    /// <param name="vault">Vault entries to store (default: the fake's email and API key); the URL is always the fake's.</param>
    /// <param name="fake">The fake's options (the clock is the harness's).</param>
    /// <param name="cloudways">Provider options (default <see cref="FastOptions"/>).</param>
    /// <param name="mode">The local principal's mode.</param>
    /// <param name="scopes">The local principal's scopes (default: the mode's).</param>
    /// <param name="session">Start an MCP client too.</param>
    /// <param name="client">The MCP client's options (handlers for elicitation…).</param>
    public static async Task<Harness> StartAsync(
        IReadOnlyDictionary<string, string>? vault = null,
        FakeOptions? fake = null,
        CloudwaysOptions? cloudways = null,
        Mode mode = Mode.ReadOnly,
        IReadOnlySet<string>? scopes = null,
        bool session = false,
        McpClientOptions? client = null,
        Action<IServiceCollection>? more = null)
    {
        var clock = new ManualClock();
        var started = await CloudwaysFake.StartAsync((fake ?? new FakeOptions()) with
        {
            Email = Email,
            ApiKey = fake?.ApiKey ?? ApiKey,
            Clock = clock,
            AccessTokens = new Dictionary<string, string> { [FullToken] = "FULL", [ReadToken] = "READ" },
        });
        var entries = new Dictionary<string, string>(vault ?? new Dictionary<string, string> { [CloudwaysVault.Email] = Email, [CloudwaysVault.ApiKey] = ApiKey })
        {
            [CloudwaysVault.Url] = started.BaseUrl.ToString(),
        };
        return await BuildAsync(started, entries, cloudways ?? FastOptions(), mode, scopes, session, client, clock, more);
    }

    /// <summary>A container for the real Cloudways API (live mode): no fake, the given vault entries.</summary>
    public static Task<Harness> StartLiveAsync(IReadOnlyDictionary<string, string> vault, CloudwaysOptions options) =>
        BuildAsync(null, vault, options, Mode.ReadOnly, null, session: false, client: null, new ManualClock());

    private static async Task<Harness> BuildAsync(
        CloudwaysFake? fake,
        IReadOnlyDictionary<string, string> vault,
        CloudwaysOptions cloudways,
        Mode mode,
        IReadOnlySet<string>? scopes,
        bool session,
        McpClientOptions? client,
        ManualClock clock,
        Action<IServiceCollection>? more = null)
    {
        var data = Directory.CreateTempSubdirectory("bastion-cloudways-").FullName;
        var paths = new BastionPaths(data);
        using (var store = CredentialVault.Open(paths))
        {
            foreach (var (name, value) in vault)
            {
                await store.SetAsync(CredentialVault.DefaultTenant, name, value, CancellationToken.None);
            }
        }

        var logs = new ListLoggerProvider();
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddSingleton<TimeProvider>(clock)
            .AddBastion(new BastionOptions { Paths = paths, Mode = mode, Scopes = scopes })
            .AddCloudways(cloudways);
        more?.Invoke(collection);
        var services = collection.AddLogRedaction().BuildServiceProvider();
        var harness = new Harness(fake, data, services, logs, clock);
        if (session)
        {
            harness._session = await InProcessSession.StartAsync(services, CancellationToken.None, client);
        }

        return harness;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Stores (or replaces) a vault entry, as `bastion vault set` or an HTTP header would.</summary>
    public async Task SetVaultAsync(string name, string value)
    {
        using var store = CredentialVault.Open(new BastionPaths(DataDirectory));
        await store.SetAsync(CredentialVault.DefaultTenant, name, value, CancellationToken.None);
    }

    /// <summary>Every audit file's text.</summary>
    public string AuditText()
    {
        var directory = new BastionPaths(DataDirectory).AuditDirectory;
        return Directory.Exists(directory)
            ? string.Join("\n", Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Where(f => !f.EndsWith(".lock", StringComparison.Ordinal)).Select(Read))
            : string.Empty;
    }

    private static string Read(string file)
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The requests the fake answered for <paramref name="method"/> and <paramref name="path"/>.</summary>
    public IReadOnlyList<FakeRequest> Requests(string method, string path) =>
        [.. Fake.Requests.Where(r => r.Method == method && r.Path == path)];

    public async ValueTask DisposeAsync()
    {
        if (_session is not null)
        {
            await _session.DisposeAsync();
        }

        await Services.DisposeAsync();
        if (Fake is not null)
        {
            await Fake.DisposeAsync();
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}
