using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Audit;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.Audit;

/// <summary>
/// One tenant's audit chain in the shared store, written by every instance: the same entries, bytes and keyed hashes
/// as the file <see cref="AuditLog"/> (see <see cref="AuditFormat"/>), one row per entry in <c>audit_entries</c>
/// (the line's exact UTF-8 bytes, plus time, tool, principal and decision to search by), and the chain's head in
/// <c>audit_heads</c> with its MAC.
/// </summary>
/// <remarks>
/// <para><b>Order across instances.</b> A commit locks the tenant's head row (<c>SELECT … FOR UPDATE</c>) in a
/// transaction, chains its entries onto the head it read, inserts them and moves the head, then commits: instances take
/// turns on the row lock, so seq runs 1, 2, … without gaps or forks whoever writes. A failed commit rolls back whole:
/// no entry, no head move, and every caller of it gets <see cref="AuditUnavailableException"/>.</para>
/// <para><b>Group commit.</b> Within an instance, records that arrive while a commit runs are written together by the
/// next one (at most <see cref="MaxBatchEntries"/>; one transaction, one round trip for the inserts).</para>
/// <para><b>Refusals.</b> The chain refuses to append when its head is keyed with a key this instance's keyring lacks
/// (copy the keyring from the instance that wrote it) or when the head's MAC does not match (the head was edited:
/// examine it with <c>bastion audit verify --store</c>).</para>
/// </remarks>
public sealed class PostgresAuditChain : IAuditTrail
{
    /// <summary>The most records one commit takes.</summary>
    internal const int MaxBatchEntries = 256;

    private readonly PostgresStore _store;
    private readonly string _tenant;
    private readonly string _keyFile;
    private readonly TimeProvider _clock;
    private readonly Lock _queueLock = new();
    private readonly List<PendingEntry> _queue = [];
    private bool _writerRunning;
    private readonly StoreAuditRetention? _retention;
    private DateTimeOffset? _lastRetention;
    private readonly ILogger? _logger;

    /// <summary>How often an instance applies <see cref="StoreAuditRetention"/> after its commits: once an hour.</summary>
    internal static readonly TimeSpan RetentionInterval = TimeSpan.FromHours(1);

    /// <summary>
    /// The chain of <paramref name="tenant"/> (empty: the server's own principals) keyed by the keyring in
    /// <paramref name="keyFile"/>; with <paramref name="retention"/>, the first commit and then one commit an hour
    /// (<see cref="RetentionInterval"/>) start a <see cref="PostgresAuditRetention"/> run in the background; a run that
    /// fails is logged to <paramref name="logger"/> as a warning with its cause and counted
    /// (<see cref="AuditRetentionTelemetry"/>, <c>store="postgres"</c>).
    /// </summary>
    public PostgresAuditChain(PostgresStore store, string? tenant, string keyFile, TimeProvider clock, StoreAuditRetention? retention = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentException.ThrowIfNullOrWhiteSpace(keyFile);
        ArgumentNullException.ThrowIfNull(clock);
        (_store, _tenant, _keyFile, _clock, _retention, _logger) = (store, tenant ?? string.Empty, Path.GetFullPath(keyFile), clock, retention, logger);
    }

    /// <summary>
    /// The last background retention run (completed when none ran): its pruning, or null when it failed — a failed run
    /// deletes nothing (the store was unreachable, or the checkpoint or the entries to prune do not verify, which
    /// <c>bastion audit verify --store</c> reports), is logged and counted, and the next runs an interval later.
    /// </summary>
    internal Task<StorePruning?> LastRetention { get; private set; } = Task.FromResult<StorePruning?>(null);

    private void StartRetentionWhenDue()
    {
        if (_retention is null)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        lock (_queueLock)
        {
            if (_lastRetention is { } last && now - last < RetentionInterval)
            {
                return;
            }

            _lastRetention = now;
            LastRetention = Task.Run(async () =>
            {
                try
                {
                    return await PostgresAuditRetention.PruneAsync(_store, _tenant, _keyFile, _retention, _clock, CancellationToken.None);
                }
                catch (Exception e) when (e is Core.BastionException)
                {
                    AuditRetentionTelemetry.Failed(_logger, "postgres", "prune", $"Audit retention of {TenantName(_tenant)} in the shared store: {e.Message}");
                    return null;
                }
            }, CancellationToken.None);
        }
    }

    /// <inheritdoc/>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        var keyring = StoreAuditKeys.Load(_keyFile);
        try
        {
            await using var connection = await _store.OpenAsync(cancellationToken);
            if (await ReadHeadAsync(connection, null, _tenant, forUpdate: false, cancellationToken) is { } head)
            {
                CheckHead(head, keyring);
            }
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw new AuditUnavailableException(_store.Unavailable(e).Message, e);
        }
    }

    /// <inheritdoc/>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        AuditFormat.Validate(record);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingEntry(record);
        bool start;
        lock (_queueLock)
        {
            _queue.Add(pending);
            start = !_writerRunning;
            _writerRunning = true;
        }

        if (start)
        {
            _ = Task.Run(WriteQueuedAsync, CancellationToken.None);
        }

        return await pending.Task;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var result = new List<AuditEntry>();
        try
        {
            await using var connection = await _store.OpenAsync(cancellationToken);
            long below = long.MaxValue;
            const int Page = 500;
            while (result.Count < query.Limit)
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT seq, line FROM audit_entries
                    WHERE tenant = $1 AND seq < $2
                      AND ($3::text IS NULL OR lower(tool) = lower($3))
                      AND ($4::text IS NULL OR lower(principal) = lower($4))
                      AND ($5::text IS NULL OR lower(decision) = lower($5))
                      AND ($6::timestamptz IS NULL OR time >= $6)
                      AND ($7::timestamptz IS NULL OR time < $7)
                    ORDER BY seq DESC LIMIT $8
                    """, connection);
                command.Parameters.Add(new NpgsqlParameter { Value = _tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = below });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)query.Tool ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)query.Principal ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)query.Decision ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)query.Since?.ToUniversalTime() ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)query.Until?.ToUniversalTime() ?? DBNull.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = Page });
                var rows = 0;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        rows++;
                        below = reader.GetInt64(0);
                        var entry = AuditFormat.Parse(reader.GetFieldValue<byte[]>(1));
                        if (result.Count < query.Limit && AuditMatcher.Matches(entry, query))
                        {
                            result.Add(entry);
                        }
                    }
                }

                if (rows < Page)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw _store.Unavailable(e);
        }

        return result;
    }

    /// <summary>Every line of the chain, oldest first, exactly as stored (UTF-8 JSON without a newline): the JSON Lines export.</summary>
    public async IAsyncEnumerable<byte[]> ReadLinesAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _store.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT line FROM audit_entries WHERE tenant = $1 ORDER BY seq", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = _tenant });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader.GetFieldValue<byte[]>(0);
        }
    }

    private async Task WriteQueuedAsync()
    {
        while (true)
        {
            List<PendingEntry> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    _writerRunning = false;
                    return;
                }

                batch = _queue.Take(MaxBatchEntries).ToList();
                _queue.RemoveRange(0, batch.Count);
            }

            try
            {
                var entries = await CommitAsync(batch);
                StartRetentionWhenDue();
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Complete(entries[i]);
                }
            }
            catch (Exception e)
            {
                var failure = e switch
                {
                    AuditUnavailableException unavailable => unavailable,
                    _ when PostgresStore.IsStoreFailure(e) => new AuditUnavailableException(_store.Unavailable(e).Message + " (nothing of this commit was recorded)", e),
                    _ => new AuditUnavailableException($"The shared audit chain could not be written: {e.Message} (nothing of this commit was recorded)", e),
                };
                foreach (var pending in batch)
                {
                    pending.Fail(failure);
                }
            }
        }
    }

    private async Task<List<AuditEntry>> CommitAsync(List<PendingEntry> batch)
    {
        var keyring = StoreAuditKeys.Load(_keyFile);
        var key = keyring.Keys[^1];
        await using var connection = await _store.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None);
        var head = await LockHeadAsync(connection, transaction, CancellationToken.None);
        CheckHead(head, keyring);
        var time = _clock.GetUtcNow();
        var (seq, prev) = (head.Seq, head.Hash);
        var entries = new List<AuditEntry>(batch.Count);
        await using var inserts = new NpgsqlBatch(connection, transaction);
        foreach (var pending in batch)
        {
            var (line, entry) = AuditFormat.Serialize(++seq, time, pending.Record, prev, key);
            var insert = new NpgsqlBatchCommand(InsertEntry);
            AddEntryParameters(insert.Parameters, _tenant, entry, line);
            inserts.BatchCommands.Add(insert);
            entries.Add(entry);
            prev = entry.Hash;
        }

        var move = new NpgsqlBatchCommand("UPDATE audit_heads SET seq = $2, hash = $3, key_id = $4, mac = $5 WHERE tenant = $1");
        move.Parameters.Add(new NpgsqlParameter { Value = _tenant });
        move.Parameters.Add(new NpgsqlParameter { Value = seq });
        move.Parameters.Add(new NpgsqlParameter { Value = prev });
        move.Parameters.Add(new NpgsqlParameter { Value = key.Id });
        move.Parameters.Add(new NpgsqlParameter { Value = key.HeadMac(seq, prev) });
        inserts.BatchCommands.Add(move);
        await inserts.ExecuteNonQueryAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return entries;
    }

    /// <summary>
    /// Appends the entries of another chain (a data directory's audit log, oldest first) that an earlier import from
    /// <paramref name="source"/> did not take: the count taken is kept in <c>store_imports</c> and moved in the same
    /// transaction as the entries, so a second run appends nothing and an interrupted one appends nothing twice. Each
    /// entry keeps its time and content and is chained anew (next seq, this chain's prev, the store keyring's key).
    /// Returns how many entries this call appended and how many earlier imports had.
    /// </summary>
    /// <exception cref="AuditUnavailableException">The chain's head is keyed with a key the keyring lacks or fails its MAC.</exception>
    /// <exception cref="Core.BastionException">The store cannot be reached (nothing was appended).</exception>
    public Task<(long Appended, long Before)> ImportAsync(string source, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(entries);
        var keyring = StoreAuditKeys.Load(_keyFile);
        var key = keyring.Keys[^1];
        return _store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var head = await LockHeadAsync(connection, transaction, cancellationToken);
                CheckHead(head, keyring);
                long before;
                await using (var done = new NpgsqlCommand("SELECT coalesce((SELECT count FROM store_imports WHERE source = $1 AND tenant = $2 AND part = 'audit' FOR UPDATE), 0)", connection, transaction))
                {
                    done.Parameters.Add(new NpgsqlParameter { Value = source });
                    done.Parameters.Add(new NpgsqlParameter { Value = _tenant });
                    before = Convert.ToInt64(await done.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
                }

                var (seq, prev) = (head.Seq, head.Hash);
                var appended = 0L;
                foreach (var old in entries.Skip((int)Math.Min(before, entries.Count)))
                {
                    var record = new AuditRecord(old.Phase, old.Principal, old.Tenant, old.Session, old.Tool, old.Arguments, old.Targets, old.Decision, old.Reason, old.Outcome, old.ExitCodes, old.DurationMs);
                    var (line, entry) = AuditFormat.Serialize(++seq, old.Time, record, prev, key);
                    await using var insert = new NpgsqlCommand(InsertEntry, connection, transaction);
                    AddEntryParameters(insert.Parameters, _tenant, entry, line);
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    prev = entry.Hash;
                    appended++;
                }

                if (appended == 0)
                {
                    return (0L, before);
                }

                await using (var move = new NpgsqlCommand("UPDATE audit_heads SET seq = $2, hash = $3, key_id = $4, mac = $5 WHERE tenant = $1", connection, transaction))
                {
                    move.Parameters.Add(new NpgsqlParameter { Value = _tenant });
                    move.Parameters.Add(new NpgsqlParameter { Value = seq });
                    move.Parameters.Add(new NpgsqlParameter { Value = prev });
                    move.Parameters.Add(new NpgsqlParameter { Value = key.Id });
                    move.Parameters.Add(new NpgsqlParameter { Value = key.HeadMac(seq, prev) });
                    await move.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var mark = new NpgsqlCommand(
                    """
                    INSERT INTO store_imports (source, tenant, part, count) VALUES ($1, $2, 'audit', $3)
                    ON CONFLICT (source, tenant, part) DO UPDATE SET count = $3, imported = now()
                    """, connection, transaction))
                {
                    mark.Parameters.Add(new NpgsqlParameter { Value = source });
                    mark.Parameters.Add(new NpgsqlParameter { Value = _tenant });
                    mark.Parameters.Add(new NpgsqlParameter { Value = before + appended });
                    await mark.ExecuteNonQueryAsync(cancellationToken);
                }

                return (appended, before);
            },
            cancellationToken);
    }

    /// <summary>Refuses a head keyed with a key the keyring lacks, or whose MAC does not match.</summary>
    private void CheckHead(ChainHead head, AuditKeyring keyring)
    {
        if (head.KeyId is null)
        {
            return;
        }

        var key = keyring.Find(head.KeyId)
            ?? throw new AuditUnavailableException(
                $"The shared audit chain of {TenantName(_tenant)} is keyed with audit key {head.KeyId}, which is not in {_keyFile}. " +
                "Every instance sharing the store needs the same keyring: copy it from the instance that wrote the chain.");
        if (head.Mac is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(key.HeadMac(head.Seq, head.Hash)), Encoding.ASCII.GetBytes(head.Mac)))
        {
            throw new AuditUnavailableException(
                $"The head of the shared audit chain of {TenantName(_tenant)} does not match its MAC (it was edited outside Bastion). " +
                "Nothing is appended until an operator has examined it with `bastion audit verify --store …`.");
        }
    }

    internal static string TenantName(string tenant) => tenant.Length == 0 ? "the server's own principals" : $"tenant '{tenant}'";

    /// <summary>
    /// The tenant's chain head, locked for this transaction; a chain without one gets its genesis head first (one round
    /// trip more, once per chain: every later commit finds the row).
    /// </summary>
    private async Task<ChainHead> LockHeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (await ReadHeadAsync(connection, transaction, _tenant, forUpdate: true, cancellationToken) is { } head)
        {
            return head;
        }

        await using (var seed = new NpgsqlCommand("INSERT INTO audit_heads (tenant, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant) DO NOTHING", connection, transaction))
        {
            seed.Parameters.Add(new NpgsqlParameter { Value = _tenant });
            seed.Parameters.Add(new NpgsqlParameter { Value = AuditFormat.GenesisHash });
            await seed.ExecuteNonQueryAsync(cancellationToken);
        }

        return await ReadHeadAsync(connection, transaction, _tenant, forUpdate: true, cancellationToken)
            ?? throw new AuditUnavailableException("The head row of the shared audit chain vanished during a commit.");
    }

    internal static async Task<ChainHead?> ReadHeadAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenant, bool forUpdate, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"SELECT seq, hash, key_id, mac FROM audit_heads WHERE tenant = $1{(forUpdate ? " FOR UPDATE" : string.Empty)}", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new ChainHead(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3))
            : null;
    }

    /// <summary>Inserts one entry of a tenant's chain; parameters from <see cref="AddEntryParameters"/>.</summary>
    private const string InsertEntry = "INSERT INTO audit_entries (tenant, seq, time, tool, principal, decision, line) VALUES ($1, $2, $3, $4, $5, $6, $7)";

    /// <summary>The parameters of <see cref="InsertEntry"/>: the entry's seq, time and indexed fields, and its line without the newline.</summary>
    private static void AddEntryParameters(NpgsqlParameterCollection parameters, string tenant, AuditEntry entry, byte[] line)
    {
        parameters.Add(new NpgsqlParameter { Value = tenant });
        parameters.Add(new NpgsqlParameter { Value = entry.Seq });
        parameters.Add(new NpgsqlParameter { Value = entry.Time.ToUniversalTime() });
        parameters.Add(new NpgsqlParameter { Value = entry.Tool });
        parameters.Add(new NpgsqlParameter { Value = entry.Principal });
        parameters.Add(new NpgsqlParameter { Value = entry.Decision });
        parameters.Add(new NpgsqlParameter { Value = line.AsSpan(0, line.Length - 1).ToArray() });
    }
}
