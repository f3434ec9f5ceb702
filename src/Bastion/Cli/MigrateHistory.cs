using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Migration;
using Bastion.Store.Sqlite.Export;

namespace Bastion.Cli;

/// <summary>
/// The history part of <c>bastion migrate</c>: a data directory's <c>history.db</c> (read-only) copied into a tenant's
/// history tables in batches of <see cref="BatchSize"/> rows, each batch one transaction, rows already in the store
/// skipped by key (<see cref="PostgresHistoryImport"/>). Prints one line of counts; returns the rows added.
/// </summary>
internal static class MigrateHistory
{
    /// <summary>Rows per transaction.</summary>
    public const int BatchSize = 5000;

    public static async Task<long> RunAsync(PostgresStore store, string file, string tenant, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            return 0;
        }

        await using var source = await SqliteHistoryExport.OpenAsync(file, cancellationToken);
        var import = new PostgresHistoryImport(store, tenant);
        var meta = await import.MetaAsync(await source.MetaAsync(cancellationToken), cancellationToken);
        var ticks = await CopyAsync(source.TicksAsync(cancellationToken), import.TicksAsync, cancellationToken);
        var (series, seriesAdded, samples, rollups) = (0L, 0L, new Count(), new Count());
        await foreach (var (id, host, metric, instance) in source.SeriesAsync(cancellationToken))
        {
            series++;
            var created = false;
            var raw = await source.SamplesAsync(id, cancellationToken);
            samples.Total += raw.Count;
            foreach (var batch in raw.Chunk(BatchSize).DefaultIfEmpty([]))
            {
                var (added, n) = await import.SamplesAsync(host, metric, instance, batch, cancellationToken);
                (created, samples.Added) = (created || added, samples.Added + n);
            }

            var rolled = await source.RollupsAsync(id, cancellationToken);
            rollups.Total += rolled.Count;
            foreach (var batch in rolled.Chunk(BatchSize))
            {
                var (added, n) = await import.RollupsAsync(host, metric, instance, batch, cancellationToken);
                (created, rollups.Added) = (created || added, rollups.Added + n);
            }

            seriesAdded += created ? 1 : 0;
        }

        var processes = await CopyAsync(source.ProcessesAsync(cancellationToken), import.ProcessesAsync, cancellationToken);
        var alerts = await CopyAsync(source.AlertsAsync(cancellationToken), import.AlertsAsync, cancellationToken);
        await Console.Out.WriteLineAsync(
            $"history (tenant '{tenant}'): added {ticks.Added} of {ticks.Total} tick(s), {seriesAdded} of {series} series, {samples.Added} of {samples.Total} sample(s), " +
            $"{rollups.Added} of {rollups.Total} rollup(s), {processes.Added} of {processes.Total} process top(s), {alerts.Added} of {alerts.Total} alert(s); " +
            $"the rest were already in the store ({file}, read-only).");
        return meta + ticks.Added + seriesAdded + samples.Added + rollups.Added + processes.Added + alerts.Added;
    }

    private static async Task<Count> CopyAsync<T>(IAsyncEnumerable<T> rows, Func<IReadOnlyList<T>, CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        var count = new Count();
        var batch = new List<T>(BatchSize);
        await foreach (var row in rows)
        {
            batch.Add(row);
            if (batch.Count == BatchSize)
            {
                count.Added += await write(batch, cancellationToken);
                count.Total += batch.Count;
                batch = new List<T>(BatchSize);
            }
        }

        if (batch.Count > 0)
        {
            count.Added += await write(batch, cancellationToken);
            count.Total += batch.Count;
        }

        return count;
    }

    private sealed class Count
    {
        public long Added { get; set; }

        public long Total { get; set; }
    }
}
