using Bastion.Core.Configuration;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Mcp;
using Bastion.Ssh;
using Bastion.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Client;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>A Bastion server with the SQLite history store in its own data directory, and a real MCP client over in-memory pipes.</summary>
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

    public static async Task<HistoryHarness> StartAsync(IReadOnlyList<Host>? hosts = null, HistoryOptions? history = null, SshOptions? ssh = null, TimeProvider? clock = null)
    {
        var paths = new BastionPaths(Directory.CreateTempSubdirectory("bastion-history-").FullName);
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
            .AddBastion(new BastionOptions { Paths = paths, History = history ?? new HistoryOptions { Interval = TimeSpan.FromSeconds(1), SysstatDirectories = [] } })
            .AddSsh(ssh ?? new SshOptions { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) })
            .AddSqliteHistory()
            .BuildServiceProvider();
        var session = await InProcessSession.StartAsync(services, CancellationToken.None);
        return new HistoryHarness(paths, services, session);
    }

    public async ValueTask DisposeAsync()
    {
        await _session.DisposeAsync();
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Paths.DataDirectory, recursive: true);
    }
}
