using Bastion.Core.Alerts;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Mcp;
using Bastion.Ssh;
using Bastion.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A Bastion server with the SQLite stores (history and alert states) in its own data directory, a real MCP
/// client over in-memory pipes, and the collector and alert evaluator it would run.</summary>
internal sealed class HistoryHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly InProcessSession _session;

    private HistoryHarness(BastionPaths paths, ServiceProvider services, InProcessSession session)
    {
        Paths = paths;
        _services = services;
        _session = session;
    }

    public BastionPaths Paths { get; }

    public McpClient Client => _session.Client;

    public IServiceProvider Services => _services;

    public HistoryCollector Collector => _services.GetRequiredService<HistoryCollector>();

    public IHistoryStore Store => _services.GetRequiredService<IHistoryStore>();

    public AlertEvaluator Evaluator => _services.GetRequiredService<AlertEvaluator>();

    public AlertNotifier Notifier => _services.GetRequiredService<AlertNotifier>();

    public AlertRules Rules => _services.GetRequiredService<AlertRules>();

    /// <summary>A server sampling on a 1 s interval that reads no sysstat files, unless <paramref name="history"/> says otherwise.</summary>
    public static Task<HistoryHarness> StartAsync(IReadOnlyList<Host>? hosts = null, HistoryOptions? history = null, SshOptions? ssh = null, TimeProvider? clock = null) =>
        StartAsync(hosts, history ?? new HistoryOptions { Interval = TimeSpan.FromSeconds(1), SysstatDirectories = [] }, ssh, clock, null, Mode.ReadOnly);

    /// <summary>A server with <paramref name="rulesYaml"/> as its alerts.yaml (none: the default rules), on the default
    /// 60 s interval unless <paramref name="history"/> says otherwise.</summary>
    public static Task<HistoryHarness> StartForAlertsAsync(string? rulesYaml = null, Mode mode = Mode.ReadOnly, TimeProvider? clock = null, IReadOnlyList<Host>? hosts = null, HistoryOptions? history = null) =>
        StartAsync(hosts, history ?? new HistoryOptions { SysstatDirectories = [] }, null, clock, rulesYaml, mode);

    /// <summary>Records each SSH host's key in this data directory's known_hosts (one <c>true</c> per host), as a person
    /// running <c>bastion hosts test</c> first would.</summary>
    public async Task PinHostKeysAsync(IEnumerable<Host> hosts, SshOptions ssh)
    {
        foreach (var host in hosts)
        {
            var pin = await new SshRunner(host, ssh, Paths, acceptNewHostKey: true).RunAsync(new CommandRequest(["true"]), CancellationToken.None);
            pin.ExitCode.ShouldBe(0, pin.Stderr);
        }
    }

    /// <summary>Stores one tick of <paramref name="host"/> with one figure and tells the evaluator, as the collector does.</summary>
    public async Task TickAsync(string host, DateTimeOffset at, string metric, double value, string instance = "")
    {
        IReadOnlyList<HostTick> ticks = [new HostTick(host, at, TickStatus.Ok, null, [new MetricValue(metric, instance, value)], [], [])];
        await Store.WriteAsync(ticks, CancellationToken.None);
        await Evaluator.ObserveAsync(ticks, CancellationToken.None);
    }

    private static async Task<HistoryHarness> StartAsync(IReadOnlyList<Host>? hosts, HistoryOptions history, SshOptions? ssh, TimeProvider? clock, string? rulesYaml, Mode mode)
    {
        var paths = new BastionPaths(Directory.CreateTempSubdirectory("bastion-history-").FullName);
        if (rulesYaml is not null)
        {
            await File.WriteAllTextAsync(Path.Combine(paths.DataDirectory, AlertRulesFile.FileName), rulesYaml);
        }

        if (hosts is not null)
        {
            await InventoryFile.SaveAsync(paths.InventoryFile, hosts, CancellationToken.None);
        }

        var collection = new ServiceCollection();
        if (clock is not null)
        {
            collection.AddSingleton(clock);
        }

        var services = collection
            .AddBastion(new BastionOptions { Paths = paths, Mode = mode, History = history })
            .AddSsh(ssh ?? new SshOptions { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) })
            .AddSqliteHistory()
            .BuildServiceProvider();
        var session = await InProcessSession.StartAsync(services, CancellationToken.None);
        return new HistoryHarness(paths, services, session);
    }

    public async ValueTask DisposeAsync()
    {
        await Notifier.DrainAsync();
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Paths.DataDirectory, recursive: true);
    }
}
