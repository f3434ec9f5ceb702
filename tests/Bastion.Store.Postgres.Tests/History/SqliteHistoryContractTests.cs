using Bastion.Core.Alerts;
using Bastion.Core.History;
using Bastion.Store.Sqlite;

namespace Bastion.Store.Postgres.Tests.History;

/// <summary>The history store contract against the embedded SQLite store (<c>history.db</c> in a temporary folder).</summary>
public sealed class SqliteHistoryContractTests : HistoryStoreContract
{
    protected override Task<(IHistoryStore History, IAlertStore Alerts)> CreateAsync(HistoryOptions options, TimeProvider clock)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bastion-contract-").FullName, SqliteStoreSetup.HistoryFile);
        return Task.FromResult<(IHistoryStore, IAlertStore)>((new SqliteHistoryStore(path, options, clock), new SqliteAlertStore(path)));
    }
}
