using Bastion.Core.Alerts;
using Microsoft.Data.Sqlite;

namespace Bastion.Store.Sqlite;

/// <summary>
/// Alert states in the history database (<c>history.db</c>, table <c>alerts</c>): one row per alert, open while
/// <c>ended</c> is null; a partial unique index keeps one open alert per rule and host even if two writers raced. Times
/// are Unix milliseconds, UTC.
/// </summary>
public sealed class SqliteAlertStore(string path) : IAlertStore, IDisposable
{
    private readonly SqliteDatabase _db = new(path);

    /// <summary>The database file.</summary>
    public string Path => _db.Path;

    public async Task<IReadOnlyList<AlertEvent>> FiringAsync(CancellationToken cancellationToken)
    {
        await using var db = await _db.OpenAsync(cancellationToken);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"SELECT {AlertRows.Columns} FROM alerts WHERE ended IS NULL ORDER BY started";
        return await AlertRows.ReadAllAsync(cmd, cancellationToken);
    }

    public async Task<AlertEvent> FireAsync(AlertEvent alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var db = await _db.OpenAsync(cancellationToken);
        await using var cmd = db.CreateCommand();
        // A second open alert of the same rule and host is not recorded: the one that fires already stands.
        cmd.CommandText = """
            INSERT INTO alerts (rule, host, severity, metric, condition, value, started) VALUES ($r, $h, $s, $m, $c, $v, $t)
            ON CONFLICT DO NOTHING RETURNING id
            """;
        cmd.Parameters.AddWithValue("$r", alert.Rule);
        cmd.Parameters.AddWithValue("$h", alert.Host);
        cmd.Parameters.AddWithValue("$s", alert.Severity);
        cmd.Parameters.AddWithValue("$m", alert.Metric);
        cmd.Parameters.AddWithValue("$c", alert.Condition);
        cmd.Parameters.AddWithValue("$v", alert.Value);
        cmd.Parameters.AddWithValue("$t", alert.StartedAt.ToUnixTimeMilliseconds());
        var id = await cmd.ExecuteScalarAsync(cancellationToken) as long?;
        return alert with { Id = id ?? 0, State = AlertEvent.Firing, EndedAt = null, EndValue = null };
    }

    public async Task<AlertEvent?> ResolveAsync(long id, DateTimeOffset at, double? value, CancellationToken cancellationToken)
    {
        await using var db = await _db.OpenAsync(cancellationToken);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = $"UPDATE alerts SET ended = $e, end_value = $v WHERE id = $id AND ended IS NULL RETURNING {AlertRows.Columns}";
        cmd.Parameters.AddWithValue("$e", at.ToUnixTimeMilliseconds());
        cmd.Parameters.AddWithValue("$v", (object?)value ?? DBNull.Value);
        cmd.Parameters.AddWithValue("$id", id);
        return (await AlertRows.ReadAllAsync(cmd, cancellationToken)).SingleOrDefault();
    }

    public async Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await _db.OpenAsync(cancellationToken);
        var where = new List<string>();
        await using var count = db.CreateCommand();
        await using var list = db.CreateCommand();
        void Bind(string name, object value)
        {
            count.Parameters.AddWithValue(name, value);
            list.Parameters.AddWithValue(name, value);
        }

        if (query.State == AlertEvent.Firing)
        {
            where.Add("ended IS NULL");
        }
        else if (query.State == AlertEvent.Resolved)
        {
            where.Add("ended IS NOT NULL");
        }

        if (query.Since is { } since)
        {
            where.Add("(ended IS NULL OR ended >= $since OR started >= $since)");
            Bind("$since", since.ToUnixTimeMilliseconds());
        }

        if (query.Hosts is { } hosts)
        {
            var names = hosts.Select((h, i) => (Name: $"$h{i}", Host: h)).ToList();
            where.Add(names.Count == 0 ? "0" : $"host IN ({string.Join(", ", names.Select(n => n.Name))})");
            foreach (var (name, host) in names)
            {
                Bind(name, host);
            }
        }

        var filter = where.Count == 0 ? string.Empty : " WHERE " + string.Join(" AND ", where);
        count.CommandText = "SELECT count(*) FROM alerts" + filter;
        list.CommandText = $"SELECT {AlertRows.Columns} FROM alerts{filter} ORDER BY coalesce(ended, started) DESC, id DESC LIMIT $limit";
        list.Parameters.AddWithValue("$limit", Math.Max(1, query.Limit));
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        return new AlertPage(await AlertRows.ReadAllAsync(list, cancellationToken), total);
    }

    /// <summary>Releases the open lock.</summary>
    public void Dispose() => _db.Dispose();
}
