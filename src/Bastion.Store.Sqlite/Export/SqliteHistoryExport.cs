using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite.Export;

/// <summary>
/// Reads a data directory's <c>history.db</c> for <c>bastion migrate</c>, opened read-only (never migrated, never
/// written): the meta figures (interval_ms, rolled_up_to_ms, pruned_before_ms, in Unix ms), the ticks (host, time in
/// Unix ms, status, error) decoded from their chunks, the series (host, metric, instance) with their raw samples (Unix seconds, value in
/// thousandths) and 5-minute rollups (bucket start in Unix seconds; min, rounded average, max in thousandths; sample
/// count) decoded from their chunks, the process tops (host, Unix ms, the JSON document as stored) and the alert rows.
/// </summary>
/// <exception cref="Core.BastionException">The file cannot be opened, or its schema is not the one this Bastion writes.</exception>
public sealed class SqliteHistoryExport : IAsyncDisposable
{
    private readonly SqliteConnection _db;

    private SqliteHistoryExport(SqliteConnection db, string path) => (_db, Path) = (db, path);

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens <paramref name="path"/> read-only and checks its schema version.</summary>
    public static async Task<SqliteHistoryExport> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 30, Pooling = false }.ToString());
        try
        {
            await db.OpenAsync(cancellationToken);
            await using var version = db.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            var found = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (found != SqliteSchema.Version)
            {
                throw new Core.BastionException(
                    $"The history database {path} has schema version {found}; bastion migrate reads version {SqliteSchema.Version}. " +
                    (found < SqliteSchema.Version ? "Start this Bastion once on the data directory (bastion serve) to bring it up to date, then migrate." : "Use the Bastion that wrote it."));
            }
        }
        catch (SqliteException e)
        {
            await db.DisposeAsync();
            throw new Core.BastionException($"The history database {path} cannot be read: {e.Message}", e);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }

        return new SqliteHistoryExport(db, path);
    }

    /// <summary>The meta figures, by name (values in Unix ms or ms).</summary>
    public async Task<IReadOnlyDictionary<string, long>> MetaAsync(CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        await foreach (var row in RowsAsync("SELECT key, value FROM meta", r => (r.GetString(0), r.GetString(1)), cancellationToken))
        {
            if (long.TryParse(row.Item2, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
            {
                result[row.Item1] = value;
            }
        }

        return result;
    }

    /// <summary>Every tick: host, time (Unix ms), status, error.</summary>
    public async IAsyncEnumerable<(string Host, long Ts, short Status, string? Error)> TicksAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var hosts = new List<(long Id, string Name)>();
        await foreach (var host in RowsAsync("SELECT id, name FROM hosts ORDER BY name", r => (r.GetInt64(0), r.GetString(1)), cancellationToken))
        {
            hosts.Add(host);
        }

        foreach (var (id, name) in hosts)
        {
            var errors = new Dictionary<long, string>();
            await foreach (var (ts, error) in RowsAsync($"SELECT ts, error FROM tick_errors WHERE host = {id}", r => (r.GetInt64(0), r.GetString(1)), cancellationToken))
            {
                errors[ts] = error;
            }

            await foreach (var (t0, data) in RowsAsync($"SELECT t0, data FROM tick_chunks WHERE host = {id} ORDER BY t0", r => (r.GetInt64(0), r.GetFieldValue<byte[]>(1)), cancellationToken))
            {
                foreach (var (ts, status) in ChunkCodec.DecodeSamples(t0, data))
                {
                    yield return (name, ts, (short)status, errors.GetValueOrDefault(ts));
                }
            }
        }
    }

    /// <summary>Every series: its id in this file, host, metric, instance.</summary>
    public IAsyncEnumerable<(long Id, string Host, string Metric, string Instance)> SeriesAsync(CancellationToken cancellationToken) =>
        RowsAsync("SELECT s.id, h.name, s.metric, s.instance FROM series s JOIN hosts h ON h.id = s.host ORDER BY s.id", r => (r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3)), cancellationToken);

    /// <summary>The raw samples of series <paramref name="series"/>, oldest first: Unix seconds, value in thousandths.</summary>
    public async Task<IReadOnlyList<(long Ts, long Value)>> SamplesAsync(long series, CancellationToken cancellationToken)
    {
        var result = new List<(long, long)>();
        await foreach (var (t0, data) in RowsAsync($"SELECT t0, data FROM sample_chunks WHERE sid = {series} ORDER BY t0", r => (r.GetInt64(0), r.GetFieldValue<byte[]>(1)), cancellationToken))
        {
            result.AddRange(ChunkCodec.DecodeSamples(t0, data));
        }

        return result;
    }

    /// <summary>The rollups of series <paramref name="series"/>, oldest first: bucket start (Unix seconds), min, average, max (thousandths), count.</summary>
    public async Task<IReadOnlyList<(long Ts, long Min, long Avg, long Max, long Count)>> RollupsAsync(long series, CancellationToken cancellationToken)
    {
        var result = new List<(long, long, long, long, long)>();
        await foreach (var (t0, data) in RowsAsync($"SELECT t0, data FROM rollup_chunks WHERE sid = {series} ORDER BY t0", r => (r.GetInt64(0), r.GetFieldValue<byte[]>(1)), cancellationToken))
        {
            result.AddRange(ChunkCodec.DecodeRollups(t0, data).Select(e => (e.Ts, e.Min, e.Avg, e.Max, e.Count)));
        }

        return result;
    }

    /// <summary>Every tick's top processes: host, time (Unix ms), the JSON document ({"Cpu": [...], "Rss": [...]}).</summary>
    public IAsyncEnumerable<(string Host, long Ts, string Top)> ProcessesAsync(CancellationToken cancellationToken) =>
        RowsAsync("SELECT h.name, p.ts, p.top FROM processes p JOIN hosts h ON h.id = p.host ORDER BY h.name, p.ts", r => (r.GetString(0), r.GetInt64(1), r.GetString(2)), cancellationToken);

    /// <summary>Every alert row, oldest first: rule, host, severity, metric, condition, value, started and ended (Unix ms), the value it ended at.</summary>
    public IAsyncEnumerable<(string Rule, string Host, string Severity, string Metric, string Condition, double Value, long Started, long? Ended, double? EndValue)> AlertsAsync(CancellationToken cancellationToken) =>
        RowsAsync(
            "SELECT rule, host, severity, metric, condition, value, started, ended, end_value FROM alerts ORDER BY started, id",
            r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetDouble(5), r.GetInt64(6), r.IsDBNull(7) ? (long?)null : r.GetInt64(7), r.IsDBNull(8) ? (double?)null : r.GetDouble(8)),
            cancellationToken);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _db.DisposeAsync();

    private async IAsyncEnumerable<T> RowsAsync<T>(string sql, Func<SqliteDataReader, T> map, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = _db.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return map(reader);
        }
    }
}
