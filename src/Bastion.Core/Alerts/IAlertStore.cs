namespace Bastion.Core.Alerts;

/// <summary>
/// Where alert states are kept: at most one firing alert per rule and host, with the times it fired and resolved. The
/// collector that evaluates rules writes; any process reads. The embedded implementation is a table of the SQLite
/// history database (Bastion.Store.Sqlite); the shared mode is to back it with PostgreSQL.
/// </summary>
public interface IAlertStore
{
    /// <summary>The alerts that fire now.</summary>
    Task<IReadOnlyList<AlertEvent>> FiringAsync(CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="alert"/> (state firing, id ignored) fired.</summary>
    /// <returns>The alert with its store id.</returns>
    Task<AlertEvent> FireAsync(AlertEvent alert, CancellationToken cancellationToken);

    /// <summary>Records that the firing alert <paramref name="id"/> resolved at <paramref name="at"/>.</summary>
    /// <returns>The resolved alert; null when it was not firing.</returns>
    Task<AlertEvent?> ResolveAsync(long id, DateTimeOffset at, double? value, CancellationToken cancellationToken);

    /// <summary>The alerts that match <paramref name="query"/>, newest first.</summary>
    Task<AlertPage> ListAsync(AlertQuery query, CancellationToken cancellationToken);
}
