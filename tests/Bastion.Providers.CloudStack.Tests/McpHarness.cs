using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Core.Secrets.Vault;
using Bastion.Fakes.CloudStack;
using Bastion.Mcp;
using Bastion.Mcp.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>
/// A whole Bastion (the real call pipeline, audit log, redaction) with the CloudStack provider, its vault pointing at
/// a fake, and a real MCP client over in-memory pipes. Logs are kept twice: all of them through the redacting
/// logger, and the provider's own as written.
/// </summary>
internal sealed class McpHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly InProcessSession _session;
    private readonly IAsyncDisposable _progressHandler;
    private readonly List<string> _progress = [];

    private McpHarness(string data, ServiceProvider services, InProcessSession session, ListLoggerProvider logs, ListLoggerProvider providerLogs)
    {
        ProviderLogs = providerLogs;
        DataDirectory = data;
        _services = services;
        _session = session;
        Logs = logs;
        _progressHandler = session.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            lock (_progress)
            {
                _progress.Add(notification.Params!["message"]!.GetValue<string>());
            }

            return ValueTask.CompletedTask;
        });
    }

    public string DataDirectory { get; }

    public McpClient Client => _session.Client;

    /// <summary>Every log line, through the redacting logger (as production writes them).</summary>
    public ListLoggerProvider Logs { get; }

    /// <summary>The CloudStack provider's own log lines as it writes them, without redaction.</summary>
    public ListLoggerProvider ProviderLogs { get; }

    public IServiceProvider Services => _services;

    /// <summary>Progress messages received in the session so far.</summary>
    public IReadOnlyList<string> Progress
    {
        get
        {
            lock (_progress)
            {
                return [.. _progress];
            }
        }
    }

    /// <summary>What the audit log files hold.</summary>
    public string AuditText => string.Join('\n', Directory.GetFiles(Path.Combine(DataDirectory, "audit"), "audit*.jsonl").Select(File.ReadAllText));

    /// <param name="fake">The fake the vault points at; null for no CloudStack settings at all.</param>
    /// <param name="mode">The server's mode.</param>
    /// <param name="session">Store a login instead of a key pair.</param>
    /// <param name="client">Client options (elicitation handler).</param>
    /// <param name="more">More services (e.g. a history store).</param>
    public static async Task<McpHarness> StartAsync(CloudStackFake? fake, Mode mode = Mode.Operator, bool session = false, McpClientOptions? client = null, Action<IServiceCollection>? more = null)
    {
        var data = Directory.CreateTempSubdirectory("bastion-cloudstack-").FullName;
        var paths = new BastionPaths(data);
        if (fake is not null)
        {
            using var vault = CredentialVault.Open(paths);
            var values = session
                ? new Dictionary<string, string> { ["cloudstack/url"] = fake.Url.ToString(), ["cloudstack/username"] = fake.Options.Username, ["cloudstack/password"] = fake.Options.Password }
                : new Dictionary<string, string> { ["cloudstack/url"] = fake.Url.ToString(), ["cloudstack/api-key"] = fake.Options.ApiKey, ["cloudstack/secret-key"] = fake.Options.SecretKey };
            foreach (var (name, value) in values)
            {
                await vault.SetAsync(CredentialVault.DefaultTenant, name, value, CancellationToken.None);
            }
        }

        var logs = new ListLoggerProvider();
        var providerLogs = new ListLoggerProvider("Bastion.Providers.CloudStack");
        var collection = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(logs))
            .AddBastion(new BastionOptions { Paths = paths, Mode = mode })
            .AddCloudStack(Clients.Http, Clients.Options);
        more?.Invoke(collection);
        var services = collection
            .AddLogRedaction()
            .AddSingleton<ILoggerProvider>(providerLogs)
            .BuildServiceProvider();
        var started = await InProcessSession.StartAsync(services, CancellationToken.None, client);
        return new McpHarness(data, services, started, logs, providerLogs);
    }

    /// <summary>Calls a tool, asking for progress notifications.</summary>
    public async Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?>? arguments = null) =>
        await Client.CallToolAsync(tool, arguments ?? [], new Progress<ProgressNotificationValue>());

    public static string Text(CallToolResult result) => string.Join("\n", result.Content.OfType<TextContentBlock>().Select(c => c.Text));

    /// <summary>Waits a little for progress notifications that race the response.</summary>
    public async Task<IReadOnlyList<string>> ProgressAsync(Func<string, bool> match)
    {
        for (var i = 0; i < 200 && !Progress.Any(match); i++)
        {
            await Task.Delay(25);
        }

        return Progress.Where(match).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await _progressHandler.DisposeAsync();
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
