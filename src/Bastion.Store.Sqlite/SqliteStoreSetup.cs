using Bastion.Core.Alerts;
using Bastion.Core.Configuration;
using Bastion.Core.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bastion.Store.Sqlite;

/// <summary>Registers the embedded SQLite stores.</summary>
public static class SqliteStoreSetup
{
    /// <summary>The history database's file name in the data directory.</summary>
    public const string HistoryFile = "history.db";

    /// <summary>Registers <see cref="SqliteHistoryStore"/> as the <see cref="IHistoryStore"/>: <c>history.db</c> in the data
    /// directory, opened on first use; and <see cref="SqliteAlertStore"/> (a table of the same file) as the <see cref="IAlertStore"/>.</summary>
    public static IServiceCollection AddSqliteHistory(this IServiceCollection services)
    {
        services.TryAddSingleton(new HistoryOptions());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IHistoryStore>(sp => new SqliteHistoryStore(
            Path.Combine(sp.GetRequiredService<BastionPaths>().DataDirectory, HistoryFile),
            sp.GetRequiredService<HistoryOptions>(),
            sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAlertStore>(sp => new SqliteAlertStore(Path.Combine(sp.GetRequiredService<BastionPaths>().DataDirectory, HistoryFile)));
        return services;
    }
}
