using Bastion.Core.History;
using Npgsql;

namespace Bastion.Store.Postgres.Leadership;

/// <summary>
/// A held collector lock: the connection that holds it, probed with <c>SELECT 1</c> every probe interval. A failed
/// probe (the connection broke, the server ended the session) cancels <see cref="Lost"/>; disposing closes the
/// connection, which frees the lock.
/// </summary>
internal sealed class PostgresLeadershipLease : ILeadershipLease
{
    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _probing;

    public PostgresLeadershipLease(NpgsqlConnection connection, TimeSpan probeInterval)
    {
        _connection = connection;
        _probing = Task.Run(() => ProbeAsync(probeInterval, _stop.Token), CancellationToken.None);
    }

    /// <inheritdoc/>
    public CancellationToken Lost => _lost.Token;

    private async Task ProbeAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(interval, cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", _connection) { CommandTimeout = Math.Max(1, (int)interval.TotalSeconds) };
                await command.ExecuteScalarAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e) || e is InvalidOperationException)
        {
            await _lost.CancelAsync();
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _probing;
        await _connection.DisposeAsync();
        _stop.Dispose();
        _lost.Dispose();
    }
}
