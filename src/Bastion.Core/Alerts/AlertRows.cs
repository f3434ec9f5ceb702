using System.Data.Common;

namespace Bastion.Core.Alerts;

/// <summary>
/// Alert events as the alert stores (SQLite and the shared PostgreSQL store) keep them: one row per alert, times in Unix
/// milliseconds, <c>ended</c> null while it fires. Both select <see cref="Columns"/> and read rows with
/// <see cref="ReadAllAsync"/>, so the mapping lives once.
/// </summary>
public static class AlertRows
{
    /// <summary>The columns a query selects, in the order <see cref="ReadAllAsync"/> reads them.</summary>
    public const string Columns = "id, rule, host, severity, metric, condition, value, started, ended, end_value";

    /// <summary>Runs <paramref name="command"/> (which selects <see cref="Columns"/>) and returns its rows as alert events.</summary>
    public static async Task<IReadOnlyList<AlertEvent>> ReadAllAsync(DbCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var result = new List<AlertEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            DateTimeOffset? ended = reader.IsDBNull(8) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8));
            result.Add(new AlertEvent(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                ended is null ? AlertEvent.Firing : AlertEvent.Resolved,
                reader.GetString(4),
                reader.GetString(5),
                reader.GetDouble(6),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)),
                ended,
                reader.IsDBNull(9) ? null : reader.GetDouble(9)));
        }

        return result;
    }
}
