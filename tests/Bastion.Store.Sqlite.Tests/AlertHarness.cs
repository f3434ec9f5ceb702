using Bastion.Core.Alerts;
using Bastion.Core.Configuration;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Mcp;
using Bastion.Ssh;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A Bastion server with the SQLite stores and the alerts feature in its own data directory, a real MCP client over in-memory pipes, and the evaluator the collector calls.</summary>
internal sealed class AlertHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly InProcessSession _session;

    private AlertHarness(BastionPaths paths, ServiceProvider services, InProcessSession session)
    {
        Paths = paths;
        _services = services;
        _session = session;
    }

    public BastionPaths Paths { get; }

    public McpClient Client => _session.Client;

    public IServiceProvider Services => _services;

    public IHistoryStore History => _services.GetRequiredService<IHistoryStore>();

    public AlertEvaluator Evaluator => _services.GetRequiredService<AlertEvaluator>();

    public AlertNotifier Notifier => _services.GetRequiredService<AlertNotifier>();

    public AlertRules Rules => _services.GetRequiredService<AlertRules>();

    public HistoryCollector Collector => _services.GetRequiredService<HistoryCollector>();

    public static async Task<AlertHarness> StartAsync(string? rulesYaml = null, Mode mode = Mode.ReadOnly, TimeProvider? clock = null, IReadOnlyList<Host>? hosts = null, HistoryOptions? history = null)
    {
        var paths = new BastionPaths(Directory.CreateTempSubdirectory("bastion-alerts-").FullName);
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
            .AddBastion(new BastionOptions { Paths = paths, Mode = mode, History = history ?? new HistoryOptions() })
            .AddSsh(new SshOptions { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) })
            .AddSqliteHistory()
            .BuildServiceProvider();
        var session = await InProcessSession.StartAsync(services, CancellationToken.None);
        return new AlertHarness(paths, services, session);
    }

    /// <summary>Stores one tick of <paramref name="host"/> with one figure and tells the evaluator, as the collector does.</summary>
    public async Task TickAsync(string host, DateTimeOffset at, string metric, double value, string instance = "")
    {
        IReadOnlyList<HostTick> ticks = [new HostTick(host, at, TickStatus.Ok, null, [new MetricValue(metric, instance, value)], [], [])];
        await History.WriteAsync(ticks, CancellationToken.None);
        await Evaluator.ObserveAsync(ticks, CancellationToken.None);
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
