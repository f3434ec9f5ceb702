using System.Buffers;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bastion.Core.Audit.Disk;
using Bastion.Core.Audit.Shipping;
using Bastion.Core.Configuration;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Audit;

/// <summary>
/// A tamper-evident, append-only log of the tool calls Bastion serves, as JSON Lines in one directory, keyed with an
/// HMAC key held apart from it.
/// </summary>
/// <remarks>
/// <para>
/// <b>Files.</b> Entries are appended to <c>audit.jsonl</c>. Before an entry would take it past
/// <see cref="AuditOptions.MaxFileBytes"/>, the file is renamed to <c>audit-&lt;UTC yyyyMMddTHHmmssZ&gt;-&lt;seq of its
/// last entry&gt;.jsonl</c> and a new one is started (between commits: a commit never spans two files). <c>audit.head</c>
/// holds the seq and hash of the last entry (seq 0 from the moment the log is created, before its first entry), the boot
/// id of the machine (<see cref="BootId"/>) and a MAC over them; it is replaced atomically when the log is opened and
/// overwritten in place after each commit (see below).
/// <c>audit.lock</c> is held (flock) by the one writer. The keyring <c>audit.key</c> (<see cref="AuditOptions.KeyFile"/>,
/// mode 0600, outside the log's directory) holds the HMAC keys.
/// </para>
/// <para>
/// <b>Chain.</b> Entry <c>n</c> carries <c>seq</c> = n (no gaps across files), <c>key</c> = the id of the audit key,
/// <c>prev</c> = the <c>hash</c> of entry n−1 (64 zeros for entry 1) and <c>hash</c> = hex HMAC-SHA256 under that key of
/// the line's UTF-8 bytes with its final <c>,"hash":"…"}</c> replaced by <c>}</c>: the exact JSON written before the
/// hash was appended, so verification hashes bytes and never re-serialises. Editing, deleting, reordering or inserting
/// entries breaks the chain, and without the key nobody can recompute it; deleting the last entries or truncating a
/// file is caught by <c>audit.head</c>, whose MAC is under the key too. Entries written by a Bastion before keyed chains
/// carry no <c>key</c> and a plain SHA-256; the keyring records how many there are, and the first writer of this version
/// creates the keyring and writes a <c>recovery</c> entry saying the chain is keyed from there on.
/// </para>
/// <para>
/// <b>Keys.</b> <see cref="RotateKeyAsync"/> adds a key to the keyring; the writer takes it into use at its next
/// entry (recording that in a <c>recovery</c> entry keyed with the new key) and the keyring records from which seq on
/// each key keys the chain. Old keys stay so old entries still verify.
/// </para>
/// <para>
/// <b>Durability: group commit.</b> <see cref="AppendAsync"/> queues its record; one writer at a time takes everything
/// queued (at most <see cref="MaxBatchEntries"/>) as one commit: it opens <c>audit.jsonl</c>, checks that it is still the
/// length the log left it, writes all the commit's lines with one write, fsyncs them, overwrites the head in place with
/// the commit's last entry (one 512-byte sector, no rename and no fsync: one fsync per commit), and only then answers
/// each caller with its own entry. All entries of a commit carry one time. The head's overwrite is in the page cache
/// before anyone is answered, so every process on the machine (verify, the next writer) sees a head at or after every
/// answered entry, exactly as if it had been fsynced; it is fsynced at rotation and shutdown. Only a restart of the
/// machine (power loss, kernel crash) can lose head updates; the head's boot id shows that case: a head of an earlier
/// boot may lag by any number of entries that chain on from it with valid MACs (recovery rolls it forward and records
/// a <c>recovery</c> entry saying so), a head of the current boot by at most the one commit a crash interrupted.
/// If the write or fsync fails, the file is cut back to where the commit began and every caller of the commit gets
/// <see cref="AuditUnavailableException"/>. A crash between the fsync and the head leaves the head behind by exactly one
/// commit (entries sharing one time, chained on from the head, none of them answered), which recovery rolls forward
/// and verification accepts; every answered entry is at or before the head, so any cut into them is caught. The commit
/// is also the unit later features hook onto (a shipper fed with each durable commit, retention pruning whole rotated
/// files, which hold whole commits).
/// </para>
/// <para>
/// <b>Recovery.</b> Before its first append (and after any failure) the log finds its position from the last
/// complete line, the head and the keyring. A directory with neither entries, head nor keyring is a new log: the keyring
/// and a seq-0 head are created. If the active file ends in a partial line and the complete lines agree with the head
/// — the signature of a write interrupted by a crash — the partial bytes are moved to
/// <c>audit-quarantine-&lt;time&gt;-after-&lt;seq&gt;.partial</c>, the file is cut back to its last newline, and a
/// <c>recovery</c> entry naming the quarantine file is appended before the caller's entry. In every other case
/// (the head is missing or ahead of the file, hashes or MACs disagree, the last line is damaged, the keyring is missing
/// for a keyed log, or the log is gone while its keyring remains) the log refuses to append with
/// <see cref="AuditUnavailableException"/> until an operator has examined it with <see cref="VerifyAsync(string, AuditVerifyOptions, CancellationToken)"/> and moved the
/// damaged files aside: chaining onto such a log would hide the damage.
/// </para>
/// </remarks>
public sealed class AuditLog : IAuditTrail, IDisposable
{
    /// <summary>The most queued records one commit takes (a recovery entry may come on top).</summary>
    internal const int MaxBatchEntries = 256;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _queueLock = new();
    private readonly List<PendingAppend> _queue = [];
    private bool _writerRunning;
    private readonly string _directory;
    private readonly string _activePath;
    private readonly string _keyFile;
    private readonly long _maxFileBytes;
    private readonly TimeSpan? _maxAge;
    private readonly long? _maxTotalBytes;
    private readonly bool _compress;
    private readonly string? _archive;
    private readonly AuditShipper? _shipper;
    private readonly ILogger? _logger;
    private bool _pruneDue = true;
    private DateTimeOffset _nextPruneCheck;
    private readonly TimeProvider _clock;
    private FileStream? _lock;
    private readonly string? _boot = BootId.Current;
    private long _activeLength;
    private long _lastSeq;
    private string _lastHash = AuditFormat.GenesisHash;
    private AuditKeyring? _keyring;
    private (DateTime Time, long Length) _keyringStamp;
    private bool _ready;
    private AuditRecord? _pendingRecovery;
    private volatile bool _disposed;

    public AuditLog(AuditOptions options, TimeProvider clock)
        : this(options, clock, null)
    {
    }

    /// <summary>
    /// A log as configured by <paramref name="options"/>; <paramref name="logger"/> hears of the disk's watermarks and of
    /// failed retention, compression and archive runs (<see cref="AuditRetentionTelemetry"/>).
    /// </summary>
    public AuditLog(AuditOptions options, TimeProvider clock, ILogger? logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFileBytes, 1);
        _directory = Path.GetFullPath(options.Directory);
        _activePath = Path.Combine(_directory, AuditFiles.ActiveName);
        _keyFile = Path.GetFullPath(options.KeyFilePath);
        _maxFileBytes = options.MaxFileBytes;
        if (options.MaxAge is { } age && age <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The audit retention age must be positive (got {age}); null keeps files whatever their age.");
        }

        if (options.MaxTotalBytes is { } total && total < 2 * options.MaxFileBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The audit log's size cap ({total} bytes) must be at least twice the size of one file ({options.MaxFileBytes} bytes): the cap holds the active file and at least one rotated file.");
        }

        _maxAge = options.MaxAge;
        _maxTotalBytes = options.MaxTotalBytes;
        _compress = options.CompressRotated;
        _archive = options.ArchiveDirectory is { } archive ? Path.GetFullPath(archive) : null;
        if (_archive is not null && (_archive == _directory || _archive.StartsWith(_directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            throw new ArgumentOutOfRangeException(nameof(options), $"The audit archive directory ({_archive}) must lie outside the audit directory ({_directory}).");
        }

        _clock = clock;
        _logger = logger;
        Disk = new DiskWatermarks(_directory, options.DiskLow, options.DiskFloor, logger);
        _shipper = options.Shipping is { Any: true } shipping ? new AuditShipper(shipping, _directory) : null;
    }

    /// <summary>The shipper of committed entries to syslog and OTLP receivers (<see cref="AuditOptions.Shipping"/>); null when none is set.</summary>
    public AuditShipper? Shipper => _shipper;

    /// <summary>The free-space watermarks of the log's file system (<see cref="AuditOptions.DiskLow"/>, <see cref="AuditOptions.DiskFloor"/>).</summary>
    public DiskWatermarks Disk { get; }

    /// <summary>
    /// Makes sure the log can take an entry: finds its position (creating a new log, or refusing a damaged one) and
    /// checks that its files are still where it left them, and that its file system has free space above the floor
    /// (<see cref="AuditOptions.DiskFloor"/>). Nothing is written unless a recovery is due.
    /// </summary>
    /// <exception cref="AuditUnavailableException">The log cannot be written, is damaged and must be examined first, or
    /// its file system is under the floor (the message gives the free space and the floor).</exception>
    public async Task EnsureWritableAsync(CancellationToken cancellationToken)
    {
        RefuseUnderFloor();

        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await PrepareAsync(cancellationToken);
            CheckActiveFile();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Appends <paramref name="record"/> as the next entry, durably (fsync) before returning it. Records that arrive
    /// while a commit is being written are written together by the next commit (one write, one fsync, one head update);
    /// each caller is answered once the commit holding its entry is durable.
    /// </summary>
    /// <exception cref="ArgumentException">The record has an unknown phase, decision or outcome, or no principal or tool.</exception>
    /// <exception cref="AuditUnavailableException">The entry could not be written (nothing was recorded), or the log is damaged and must be examined first.</exception>
    /// <exception cref="OperationCanceledException">Canceled before a commit took the record (nothing was recorded); once taken, the call waits for the commit.</exception>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        AuditFormat.Validate(record);
        if (record.Phase == "intent")
        {
            // An intent starts a call: under the floor it is refused like any call. Outcomes and one-entry calls that
            // already ran are written into the space the floor keeps.
            RefuseUnderFloor();
        }

        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(record);
        bool startWriter;
        lock (_queueLock)
        {
            _queue.Add(pending);
            startWriter = !_writerRunning;
            _writerRunning = true;
        }

        if (startWriter)
        {
            // The first commit is written on this caller's thread: an uncontended call is answered without a hand-off
            // to another thread and back. What arrives meanwhile is committed by a pool thread (see WriteQueuedAsync).
            _ = WriteQueuedAsync(onCaller: true);
        }

        if (!cancellationToken.CanBeCanceled)
        {
            return await pending.Task;
        }

        await using (cancellationToken.Register(() => Withdraw(pending, cancellationToken)))
        {
            return await pending.Task;
        }
    }

    /// <summary>Refuses (and counts the refusal) when the log's file system is under its floor.</summary>
    /// <exception cref="AuditUnavailableException">Under the floor, or the free space cannot be read.</exception>
    private void RefuseUnderFloor()
    {
        DiskState disk;
        try
        {
            disk = Disk.Check();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditUnavailableException($"The free space of the audit log's file system ({_directory}) cannot be read: {e.Message}", e);
        }

        if (disk.Level == DiskLevel.Floor)
        {
            AuditDiskTelemetry.CountRefusal();
            throw new AuditUnavailableException($"disk space: {disk.Reason}");
        }
    }

    /// <summary>
    /// A test's fault in the write path: called with the number of entries of a commit after its bytes were written
    /// and before the fsync; an <see cref="IOException"/> it throws is handled as a failed write or fsync.
    /// </summary>
    internal Action<int>? BeforeSync { get; set; }

    /// <summary>
    /// Adds a new key to the keyring of the log in <paramref name="options"/>; the writer takes it into use at its next
    /// entry (a running server at its next call). Returns the new key's id.
    /// </summary>
    /// <exception cref="AuditUnavailableException">There is no keyring yet (the log was never written), or it cannot be read or written.</exception>
    public static async Task<string> RotateKeyAsync(AuditOptions options, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        var path = Path.GetFullPath(options.KeyFilePath);
        try
        {
            using var keyringLock = await FileLock.AcquireAsync(path + ".lock", "audit keyring", cancellationToken);
            var keyring = AuditKeyring.Load(path)
                ?? throw new AuditUnavailableException($"There is no audit keyring at {path} yet: the audit log has not been written, and its first entry creates the keyring.");
            var rotated = keyring.WithNewKey(clock.GetUtcNow());
            await rotated.SaveAsync(path, cancellationToken);
            return rotated.Pending!.Id;
        }
        catch (FormatException e)
        {
            throw new AuditUnavailableException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is BastionException && e is not AuditUnavailableException))
        {
            throw new AuditUnavailableException($"The audit keyring {path} cannot be rotated: {e.Message}", e);
        }
    }

    /// <summary>The content of <c>audit.head</c> of the log in <paramref name="directory"/> as one JSON line, to be kept elsewhere as an anchor.</summary>
    /// <exception cref="AuditUnavailableException">There is no head, or it is not valid.</exception>
    public static string ReadHeadText(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        try
        {
            var head = AuditFiles.ReadHead(Path.GetFullPath(directory))
                ?? throw new AuditUnavailableException($"There is no {AuditFiles.HeadName} in {directory}.");
            return $"{{\"seq\":{head.Seq},\"hash\":\"{head.Hash}\"{(head.Key is null ? "" : $",\"key\":\"{head.Key}\"")}}}";
        }
        catch (FormatException e)
        {
            throw new AuditUnavailableException(e.Message, e);
        }
    }

    /// <summary>Every entry, oldest first, across rotated files. A partial line at the end of the active file is skipped.</summary>
    /// <exception cref="BastionException">A line is not an audit entry.</exception>
    public async IAsyncEnumerable<AuditEntry> ReadAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (rotated, active, activeLength) = await SnapshotAsync(cancellationToken);
        using (active)
        {
            foreach (var file in rotated)
            {
                if (TryOpenRead(file.Path) is not { } opened)
                {
                    continue; // pruned by retention since the listing
                }

                await using var stream = opened;
                await foreach (var entry in ReadEntriesAsync(stream, long.MaxValue, file.Name, cancellationToken))
                {
                    yield return entry;
                }
            }

            if (active is not null)
            {
                await foreach (var entry in ReadEntriesAsync(active, activeLength, AuditFiles.ActiveName, cancellationToken))
                {
                    yield return entry;
                }
            }
        }
    }

    /// <summary>The last <paramref name="count"/> entries, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> TailAsync(int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new List<AuditEntry>();
        if (count == 0)
        {
            return result;
        }

        await foreach (var fileEntries in ReadNewestFirstAsync(cancellationToken))
        {
            result.InsertRange(0, fileEntries.Skip(Math.Max(0, fileEntries.Count - (count - result.Count))));
            if (result.Count == count)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>Entries that match <paramref name="query"/>, newest first, at most <see cref="AuditQuery.Limit"/>.</summary>
    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1);
        var result = new List<AuditEntry>();
        await foreach (var fileEntries in ReadNewestFirstAsync(cancellationToken))
        {
            for (var i = fileEntries.Count - 1; i >= 0 && result.Count < query.Limit; i--)
            {
                if (AuditMatcher.Matches(fileEntries[i], query))
                {
                    result.Add(fileEntries[i]);
                }
            }

            if (result.Count == query.Limit)
            {
                break;
            }
        }

        return result;
    }

    /// <summary>
    /// Every complete entry of the log in <paramref name="directory"/> (rotated files, archived ones included, then the
    /// active file), oldest first, with its exact line: what <c>bastion audit export</c> writes. Not verified: run
    /// <see cref="VerifyAsync(string, CancellationToken)"/> for that.
    /// </summary>
    /// <exception cref="FormatException">A line is not an audit entry.</exception>
    public static async IAsyncEnumerable<ShippedEntry> ReadLinesAsync(string directory, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        var files = AuditFiles.ListRotated(directory).Select(f => f.Path).ToList();
        files.Add(Path.Combine(directory, AuditFiles.ActiveName));
        foreach (var file in files)
        {
            await using var stream = TryOpenRead(file);
            if (stream is null)
            {
                continue;
            }

            await foreach (var line in AuditFiles.ReadLinesAsync(stream, long.MaxValue, cancellationToken))
            {
                if (line.Terminated)
                {
                    var entry = AuditFormat.Parse(line.Bytes);
                    yield return new ShippedEntry(entry.Seq, entry.Hash, entry.Time, entry.Tenant, System.Text.Encoding.UTF8.GetString(line.Bytes));
                }
            }
        }
    }

    /// <summary>
    /// Checks the whole log in <paramref name="directory"/> with the keyring beside it (<see cref="AuditOptions.DefaultKeyFile"/>):
    /// every rotated file in order, then <c>audit.jsonl</c>, then <c>audit.head</c>. Reports the first problem with its file and line.
    /// </summary>
    public static Task<AuditVerification> VerifyAsync(string directory, CancellationToken cancellationToken) =>
        AuditVerifier.VerifyAsync(directory, new AuditVerifyOptions(), cancellationToken);

    /// <summary>Checks the whole log in <paramref name="directory"/> as <paramref name="options"/> say.</summary>
    public static Task<AuditVerification> VerifyAsync(string directory, AuditVerifyOptions options, CancellationToken cancellationToken) =>
        AuditVerifier.VerifyAsync(directory, options, cancellationToken);

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            if (_ready)
            {
                try
                {
                    WriteHeadDurably(); // the head's in-place updates, made durable at shutdown
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // The next writer finds the head as recovery expects it, or refuses; nothing else to do here.
                }
            }

            Reset();
            _lock?.Dispose();
            _lock = null;
        }
        finally
        {
            _gate.Release();
        }

        // What the receivers have not taken yet gets up to two seconds; the local chain holds it in any case.
        _shipper?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Recovers when needed, then takes a key added by a rotation into use.</summary>
    private async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            _pendingRecovery ??= await RecoverAsync(cancellationToken);
        }

        try
        {
            if (KeyringStamp() != _keyringStamp)
            {
                var keyring = AuditKeyring.Load(_keyFile)
                    ?? throw Damaged($"the audit keyring {_keyFile} disappeared while the log was open.");
                if (!keyring.Active.Select(k => k.Id).SequenceEqual(_keyring!.Active.Select(k => k.Id)) || keyring.UnkeyedEntries != _keyring.UnkeyedEntries)
                {
                    throw Damaged($"the audit keyring {_keyFile} was changed by something other than a key rotation.");
                }

                _keyring = keyring;
                _keyringStamp = KeyringStamp();
            }

            if (_keyring!.Pending is not null && _pendingRecovery is null)
            {
                // Under the keyring's lock, against the file as it is now: a rotation may be writing it.
                using var keyringLock = await FileLock.AcquireAsync(_keyFile + ".lock", "audit keyring", cancellationToken);
                var current = AuditKeyring.Load(_keyFile) ?? throw Damaged($"the audit keyring {_keyFile} disappeared while the log was open.");
                if (!current.Active.Select(k => k.Id).SequenceEqual(_keyring.Active.Select(k => k.Id)) || current.Pending is not { } pending)
                {
                    throw Damaged($"the audit keyring {_keyFile} was changed by something other than a key rotation.");
                }

                var previous = current.KeyFor(_lastSeq + 1);
                _keyring = current.Activate(_lastSeq + 1);
                await _keyring.SaveAsync(_keyFile, cancellationToken);
                _keyringStamp = KeyringStamp();
                _pendingRecovery = KeyNote(pending.Id, previous?.Id, $"The audit key was rotated: key {pending.Id} keys the chain from this entry on (before: {previous?.Id ?? "unkeyed"}).");
            }
        }
        catch (FormatException e)
        {
            Reset();
            throw Damaged(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is BastionException && e is not AuditUnavailableException))
        {
            Reset();
            throw new AuditUnavailableException($"The audit keyring {_keyFile} cannot be read or written: {e.Message}", e);
        }
    }

    /// <summary>The active file must be where the log left it: a file (not a directory) of the length the log wrote.</summary>
    private void CheckActiveFile()
    {
        var info = new FileInfo(_activePath);
        var length = info.Exists ? info.Length : Directory.Exists(_activePath) ? -2 : 0;
        if (length != _activeLength && !(length == 0 && !info.Exists && _activeLength == 0))
        {
            Reset();
            throw new AuditUnavailableException(length == -2
                ? $"The audit log in {_directory} cannot be written: {AuditFiles.ActiveName} is a directory."
                : $"The audit log in {_directory} cannot be written: {AuditFiles.ActiveName} is {(info.Exists ? $"{length} bytes long" : "gone")} where the log wrote {_activeLength} bytes; something else changed it.");
        }
    }

    /// <summary>Takes a queued record back if no commit has taken it yet.</summary>
    private void Withdraw(PendingAppend pending, CancellationToken cancellationToken)
    {
        lock (_queueLock)
        {
            if (_queue.Remove(pending))
            {
                pending.Canceled(cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs while records are queued: takes what has arrived (at most <see cref="MaxBatchEntries"/>) and commits it.
    /// Started <paramref name="onCaller"/> (on the thread of the append that found no writer running), it commits one
    /// batch there and hands whatever arrived meanwhile to a pool thread, so that caller waits for its own commit only.
    /// </summary>
    private async Task WriteQueuedAsync(bool onCaller)
    {
        for (var first = true; ; first = false)
        {
            List<PendingAppend> batch;
            lock (_queueLock)
            {
                if (_queue.Count == 0)
                {
                    _writerRunning = false;
                    return;
                }

                if (onCaller && !first)
                {
                    break; // the writer stays running: handed to a pool thread below
                }

                var take = Math.Min(_queue.Count, MaxBatchEntries);
                batch = _queue.GetRange(0, take);
                _queue.RemoveRange(0, take);
            }

            await _gate.WaitAsync(CancellationToken.None);
            try
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                await PrepareAsync(CancellationToken.None);
                WriteBatch(batch);
                if (_pruneDue || _clock.GetUtcNow() >= _nextPruneCheck)
                {
                    // Under the gate, as every commit: whichever call comes first after a rotation waits for it.
                    await PruneAsync(CancellationToken.None);
                    await CompressRotatedAsync(CancellationToken.None);
                    await ArchiveRotatedAsync(CancellationToken.None);
                }
            }
            catch (Exception e)
            {
                // Completed callers keep their answer; the rest of the batch learns why nothing of theirs was recorded.
                var error = e is AuditUnavailableException or ObjectDisposedException
                    ? e
                    : new AuditUnavailableException($"The audit log in {_directory} could not record the entries: {e.Message} Nothing was recorded.", e);
                foreach (var pending in batch)
                {
                    pending.Failed(error);
                }
            }
            finally
            {
                _gate.Release();
            }
        }

        _ = Task.Run(() => WriteQueuedAsync(onCaller: false), CancellationToken.None);
    }

    /// <summary>
    /// Writes a batch (after a pending recovery entry) as few commits as possible: one, unless the active file must be
    /// rotated part-way, in which case the entries before the rotation are committed (and answered) first.
    /// </summary>
    private void WriteBatch(List<PendingAppend> batch)
    {
        var items = new List<(PendingAppend? Caller, AuditRecord Record)>(batch.Count + 1);
        if (_pendingRecovery is not null)
        {
            // Kept until written: if this commit fails, the next one records the quarantine first.
            items.Add((null, _pendingRecovery));
        }

        items.AddRange(batch.Select(p => ((PendingAppend?)p, p.Record)));
        var next = 0;
        while (next < items.Count)
        {
            var time = _clock.GetUtcNow();
            var buffer = new ArrayBufferWriter<byte>();
            var commit = new List<(PendingAppend? Caller, AuditEntry Entry)>();
            var seq = _lastSeq;
            var hash = _lastHash;
            AuditKey? key = null;
            try
            {
                for (; next < items.Count; next++)
                {
                    key = _keyring!.KeyFor(seq + 1) ?? throw Damaged($"the keyring has no key for entry {seq + 1}.");
                    var (line, entry) = AuditFormat.Serialize(seq + 1, time, items[next].Record, hash, key);
                    if (_activeLength + buffer.WrittenCount > 0 && _activeLength + buffer.WrittenCount + line.Length > _maxFileBytes)
                    {
                        if (commit.Count > 0)
                        {
                            break; // commit these into the current file; the next commit rotates it
                        }

                        CheckActiveFile();
                        Rotate(time);
                    }

                    buffer.Write(line);
                    commit.Add((items[next].Caller, entry));
                    seq = entry.Seq;
                    hash = entry.Hash;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Reset();
                throw new AuditUnavailableException($"The audit log in {_directory} could not record the entries: {e.Message} Nothing was recorded.", e);
            }

            var started = Stopwatch.GetTimestamp();
            Commit(buffer.WrittenSpan, commit, key!);
            AuditCommitTelemetry.Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            if (commit[0].Caller is null)
            {
                _pendingRecovery = null;
            }

            foreach (var (caller, entry) in commit)
            {
                caller?.Written(entry);
            }

            // Shipped once durable and answered; the shipper only buffers (never blocks, never fails the commit).
            _shipper?.Offer(buffer.WrittenSpan, [.. commit.Select(c => c.Entry)]);
        }
    }

    /// <summary>
    /// Writes one commit's lines with one write, fsyncs them, then replaces the head with its last entry. Returns only
    /// when both are durable; if the write or fsync fails, the file is cut back to where it was and nothing is recorded.
    /// Synchronous: the fsync blocks the writing thread in any case, and an asynchronous write of a plain file handle
    /// is only a hand-off to the thread pool and back.
    /// </summary>
    private void Commit(ReadOnlySpan<byte> lines, List<(PendingAppend? Caller, AuditEntry Entry)> commit, AuditKey key)
    {
        var last = commit[^1].Entry;
        FileStream? active = null;
        try
        {
            // Opened for each commit: a file replaced, moved or deleted while the log runs is noticed, not written past.
            active = new FileStream(_activePath, _activeLength == 0
                ? new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.Read | FileShare.Delete, UnixCreateMode = AuditFiles.PrivateFile, BufferSize = 0 }
                : new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Write, Share = FileShare.Read | FileShare.Delete, BufferSize = 0 });
            if (active.Length != _activeLength)
            {
                var found = active.Length;
                active.Dispose();
                active = null;
                Reset();
                throw new AuditUnavailableException($"The audit log in {_directory} cannot be written: {AuditFiles.ActiveName} is {found} bytes long where the log wrote {_activeLength}; something else changed it. Nothing was recorded.");
            }

            active.Position = _activeLength;
            active.Write(lines);
            BeforeSync?.Invoke(commit.Count);
            active.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CutBack(active);
            throw new AuditUnavailableException($"The audit log in {_directory} could not record the {(commit.Count == 1 ? "entry" : $"{commit.Count} entries written together")}: {e.Message} Nothing was recorded.", e);
        }
        finally
        {
            active?.Dispose();
        }

        _activeLength += lines.Length;
        _lastSeq = last.Seq;
        _lastHash = last.Hash;
        try
        {
            // In place and without fsync: every reader on this machine sees the new head before any caller is answered,
            // which is what makes a cut into answered entries show; only a restart of the machine can undo it.
            AuditFiles.OverwriteHead(_directory, last.Seq, last.Hash, key, _boot, durable: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Reset();
            var entries = commit.Count == 1 ? $"entry {last.Seq}" : $"entries {commit[0].Entry.Seq} to {last.Seq}";
            throw new AuditUnavailableException($"The audit log in {_directory} recorded {entries} but could not update {AuditFiles.HeadName}: {e.Message}", e);
        }
    }

    /// <summary>After a failed write: removes whatever part of the line reached the file, then forces recovery before the next append.</summary>
    private void CutBack(FileStream? active)
    {
        try
        {
            if (active is not null)
            {
                active.SetLength(_activeLength);
                active.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Recovery will find the partial line and quarantine it.
        }

        Reset();
    }

    private void Reset() => _ready = false;

    /// <summary>Writes the head for the last entry and fsyncs it (at rotation and shutdown).</summary>
    private void WriteHeadDurably() =>
        AuditFiles.OverwriteHead(_directory, _lastSeq, _lastHash, _keyring!.KeyFor(_lastSeq + 1) ?? _keyring.KeyFor(_lastSeq) ?? _keyring.Keys[0], _boot, durable: true);

    private void Rotate(DateTimeOffset time)
    {
        // The head (which records the last entry of the file being rotated) is made durable first: a lag left by a
        // restart of the machine never reaches back into a rotated file.
        WriteHeadDurably();
        _pruneDue = true;
        File.Move(_activePath, Path.Combine(_directory, AuditFiles.RotatedName(time, _lastSeq)), overwrite: false);
        _activeLength = 0;
    }

    /// <summary>How often, at most, the writer looks for rotated files that aged past <see cref="AuditOptions.MaxAge"/> (it also looks after each rotation).</summary>
    internal static readonly TimeSpan PruneCheckInterval = TimeSpan.FromHours(1);

    /// <summary>The last reason pruning could not run (null when the last attempt ran or had nothing to do), for <c>doctor</c>.</summary>
    public string? PruneProblem { get; private set; }

    /// <summary>
    /// Retention: prunes the oldest rotated files while the rotated files and a full active file exceed
    /// <see cref="AuditOptions.MaxTotalBytes"/>, or while the oldest was rotated longer ago than
    /// <see cref="AuditOptions.MaxAge"/>. First <c>audit.checkpoint</c> is written (atomically, fsynced) with the seq and
    /// hash of the last pruned entry, read back from its file and checked against its MAC; then the files are deleted.
    /// A crash in between leaves files wholly before the checkpoint, which verification skips and the next pruning
    /// deletes. Runs in the writer after a commit (its callers already answered); a failure is kept in
    /// <see cref="PruneProblem"/>, logged as a warning and counted (<see cref="AuditRetentionTelemetry"/>), and retried at
    /// the next rotation; it never fails a call.
    /// </summary>
    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        _pruneDue = false;
        _nextPruneCheck = now + PruneCheckInterval;
        if (_maxAge is null && _maxTotalBytes is null)
        {
            return;
        }

        try
        {
            var rotated = AuditFiles.ListRotated(_directory);
            if (rotated.Count == 0)
            {
                PruneProblem = null;
                return;
            }

            var checkpoint = AuditCheckpoint.Read(_directory);
            var pruned = checkpoint?.Seq ?? 0;
            var sizes = rotated.Select(f => new FileInfo(f.Path).Length).ToList();
            var total = sizes.Sum();
            var budget = _maxTotalBytes is { } max ? max - _maxFileBytes : long.MaxValue;
            var count = 0;
            while (count < rotated.Count
                && (total > budget || (_maxAge is { } age && rotated[count].Rotated < now - age) || rotated[count].LastSeq <= pruned))
            {
                total -= sizes[count];
                count++;
            }

            if (count == 0)
            {
                PruneProblem = null;
                return;
            }

            var last = rotated[count - 1];
            if (last.LastSeq > pruned)
            {
                var tail = await AuditFiles.ReadTailAsync(last.Path, cancellationToken);
                var entry = tail.LastLine is null || tail.PartialLength > 0
                    ? throw new FormatException($"{last.Name} is empty or ends in a partial line.")
                    : AuditFormat.ParseVerified(tail.LastLine, id => _keyring!.Find(id), out _);
                if (entry.Seq != last.LastSeq)
                {
                    throw new FormatException($"{last.Name} ends with entry {entry.Seq}, not the {last.LastSeq} its name says.");
                }

                var files = (checkpoint?.Files ?? 0) + rotated.Take(count).Count(f => f.LastSeq > pruned);
                var key = _keyring!.KeyFor(_lastSeq) ?? _keyring.Active.Last();
                await AuditCheckpoint.Create(entry.Seq, entry.Hash, now, files, key).WriteAsync(_directory, cancellationToken);
            }

            foreach (var file in rotated.Take(count))
            {
                File.Delete(file.Path);
            }

            PruneProblem = null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            PruneProblem = $"Audit retention could not prune the oldest files of {_directory}: {e.Message} Check the log with the audit verification.";
            AuditRetentionTelemetry.Failed(_logger, "file", "prune", PruneProblem);
        }
    }

    /// <summary>
    /// Archive: compresses every plain rotated file to <c>.jsonl.gz</c> (<see cref="AuditFiles.CompressAsync"/>) when
    /// <see cref="AuditOptions.CompressRotated"/>. Runs beside pruning; a failure is kept in <see cref="PruneProblem"/>, logged and counted.
    /// </summary>
    private async Task CompressRotatedAsync(CancellationToken cancellationToken)
    {
        if (!_compress)
        {
            return;
        }

        try
        {
            foreach (var file in AuditFiles.ListRotated(_directory).Where(f => !f.Compressed))
            {
                await AuditFiles.CompressAsync(file, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.IO.InvalidDataException)
        {
            PruneProblem = $"Audit archive could not compress the rotated files of {_directory}: {e.Message}";
            AuditRetentionTelemetry.Failed(_logger, "file", "compress", PruneProblem);
        }
    }

    /// <summary>
    /// Archive directory: moves every rotated file still in the log's directory (compressed ones only while
    /// <see cref="AuditOptions.CompressRotated"/> is on, so a file is moved once, compressed) to
    /// <see cref="AuditOptions.ArchiveDirectory"/> (<see cref="AuditFiles.ArchiveAsync"/>), after naming it in
    /// <c>audit.archive</c>. Runs beside pruning; a failure is kept in <see cref="PruneProblem"/>, logged, counted and retried.
    /// </summary>
    private async Task ArchiveRotatedAsync(CancellationToken cancellationToken)
    {
        if (_archive is null)
        {
            return;
        }

        try
        {
            var pending = AuditFiles.ListRotated(_directory)
                .Where(f => Path.GetDirectoryName(f.Path) == _directory && (f.Compressed || !_compress))
                .ToList();
            if (pending.Count == 0)
            {
                return;
            }

            Directory.CreateDirectory(_archive, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            if (AuditFiles.ReadArchivePointer(_directory) != _archive)
            {
                await AtomicFile.WriteAllTextAsync(Path.Combine(_directory, AuditFiles.ArchivePointerName), _archive + "\n", new AtomicWriteOptions { Mode = AuditFiles.PrivateFile }, cancellationToken);
            }

            foreach (var file in pending)
            {
                await AuditFiles.ArchiveAsync(file, _archive, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            PruneProblem = $"Audit archive could not move the rotated files of {_directory} to {_archive}: {e.Message}";
            AuditRetentionTelemetry.Failed(_logger, "file", "archive", PruneProblem);
        }
    }

    private (DateTime Time, long Length) KeyringStamp()
    {
        var info = new FileInfo(_keyFile);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private static AuditRecord KeyNote(string keyId, string? previous, string reason)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("audit_key", keyId);
            if (previous is null)
            {
                writer.WriteNull("previous_key");
            }
            else
            {
                writer.WriteString("previous_key", previous);
            }

            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new AuditRecord(AuditFormat.RecoveryPhase, "bastion", null, null, "audit", document.RootElement.Clone(), [], "allowed", reason, "ok", null, null);
    }

    /// <summary>Finds the log's position; returns a recovery record to append first when a partial line was quarantined or the keyring was created for an older log.</summary>
    private async Task<AuditRecord?> RecoverAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (File.Exists(_directory))
            {
                throw new AuditUnavailableException($"The audit log cannot be written: {_directory} is a file, not a directory.");
            }

            BastionPaths.EnsurePrivateDirectory(_directory);
            if (_lock is null)
            {
                try
                {
                    _lock = new FileStream(Path.Combine(_directory, AuditFiles.LockName), new FileStreamOptions
                    {
                        Mode = FileMode.OpenOrCreate,
                        Access = FileAccess.ReadWrite,
                        Share = FileShare.None,
                        UnixCreateMode = AuditFiles.PrivateFile,
                    });
                }
                catch (IOException e) when (File.Exists(Path.Combine(_directory, AuditFiles.LockName)))
                {
                    throw new AuditUnavailableException($"Another process (or another AuditLog) is writing the audit log in {_directory}; a directory has one writer.", e);
                }
            }

            AuditKeyring? keyring;
            try
            {
                keyring = AuditKeyring.Load(_keyFile);
            }
            catch (FormatException e)
            {
                throw Damaged(e.Message);
            }

            var position = await FindPositionAsync(keyring, cancellationToken);
            AuditRecord? note = null;
            if (position.PartialLength > 0)
            {
                note = Quarantine(position);
            }

            if (keyring is null)
            {
                // A new log, or one written before keyed chains: its keyring starts here, keyed from the next entry on.
                keyring = AuditKeyring.Create(position.Seq, _clock.GetUtcNow());
                await keyring.SaveAsync(_keyFile, cancellationToken);
                if (position.Seq > 0)
                {
                    note ??= KeyNote(keyring.Keys[0].Id, null,
                        $"The audit chain is keyed from this entry on (audit key {keyring.Keys[0].Id}); entries 1 to {position.Seq} were written unkeyed by an earlier Bastion.");
                }
            }

            _keyring = keyring;
            _keyringStamp = KeyringStamp();
            if (position.Lag is not null)
            {
                note = note is null ? position.Lag : note with { Reason = $"{note.Reason} {position.Lag.Reason}" };
            }
            await RefreshHeadAsync(position, keyring.KeyFor(position.Seq + 1) ?? keyring.Keys[0], cancellationToken);

            _lastSeq = position.Seq;
            _lastHash = position.Hash;
            _activeLength = position.ActiveLength;
            _ready = true;
            return note;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditUnavailableException($"The audit log in {_directory} cannot be written: {e.Message}", e);
        }
    }

    /// <summary>
    /// Makes <c>audit.head</c> record the log's position with this boot's id in the fixed-length layout (replacing it
    /// atomically, with fsync, unless it already does); the commits then update it in place.
    /// </summary>
    private async Task RefreshHeadAsync(LogPosition position, AuditKey key, CancellationToken cancellationToken)
    {
        var path = Path.Combine(_directory, AuditFiles.HeadName);
        var expected = AuditFiles.HeadText(position.Seq, position.Hash, key, _boot);
        var current = File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken) : null;
        if (!string.Equals(current, expected, StringComparison.Ordinal))
        {
            await AuditFiles.WriteHeadAsync(_directory, position.Seq, position.Hash, key, _boot);
        }
    }

    private async Task<LogPosition> FindPositionAsync(AuditKeyring? keyring, CancellationToken cancellationToken)
    {
        var rotated = AuditFiles.ListRotated(_directory);
        FileTail? tail = null;
        var tailFile = AuditFiles.ActiveName;
        var tailPath = _activePath;
        long partial = 0;
        long activeLength = 0;
        if (Directory.Exists(_activePath))
        {
            throw new AuditUnavailableException($"The audit log in {_directory} cannot be written: {AuditFiles.ActiveName} is a directory.");
        }

        if (File.Exists(_activePath))
        {
            tail = await AuditFiles.ReadTailAsync(_activePath, cancellationToken);
            partial = tail.PartialLength;
            activeLength = tail.CompleteLength;
        }

        if (tail?.LastLine is null && rotated.Count > 0)
        {
            tailFile = rotated[^1].Name;
            tailPath = rotated[^1].Path;
            var rotatedTail = await AuditFiles.ReadTailAsync(rotated[^1].Path, cancellationToken);
            if (rotatedTail.PartialLength > 0 || rotatedTail.LastLine is null)
            {
                throw Damaged($"the rotated file {tailFile} is empty or ends in a partial line.");
            }

            tail = rotatedTail;
        }

        AuditHead? head;
        try
        {
            head = AuditFiles.ReadHead(_directory);
        }
        catch (FormatException e)
        {
            throw Damaged(e.Message);
        }

        if (head?.Key is not null)
        {
            var key = keyring?.Find(head.Key) ?? throw Damaged($"{AuditFiles.HeadName} is keyed with audit key {head.Key}, which is not in the keyring {_keyFile} (the keyring is missing or was replaced).");
            if (key.HeadMac(head.Seq, head.Hash, head.Boot) != head.Mac)
            {
                throw Damaged($"the MAC of {AuditFiles.HeadName} does not match: it was written without the audit key.");
            }
        }
        else if (head is not null && keyring is not null && head.Seq > keyring.UnkeyedEntries)
        {
            throw Damaged($"{AuditFiles.HeadName} carries no MAC although the log is keyed: it was replaced.");
        }

        if (tail?.LastLine is null)
        {
            if (head is null && keyring is null)
            {
                return new LogPosition(0, AuditFormat.GenesisHash, activeLength, partial);
            }

            return head is { Seq: 0 }
                ? new LogPosition(0, AuditFormat.GenesisHash, activeLength, partial)
                : throw Damaged(head is null
                    ? $"there are no entries and no {AuditFiles.HeadName}, but the keyring {_keyFile} shows the log was started: the log files were deleted."
                    : $"{AuditFiles.HeadName} records entry {head.Seq} but there are no entries: the log files were deleted or emptied.");
        }

        AuditEntry last;
        try
        {
            last = AuditFormat.ParseVerified(tail.LastLine, id => keyring?.Find(id), out _);
        }
        catch (FormatException e)
        {
            throw Damaged($"the last line of {tailFile} is not a valid entry: {e.Message}");
        }

        if (head is null)
        {
            throw Damaged($"{AuditFiles.HeadName} is missing although the log ends with entry {last.Seq}: it was deleted.");
        }

        if (keyring is not null && last.Seq < keyring.MinimumLength)
        {
            throw Damaged($"the log ends with entry {last.Seq} but the keyring shows it had reached entry {keyring.MinimumLength}: entries were deleted.");
        }

        if (head.Seq == last.Seq && head.Hash == last.Hash)
        {
            return new LogPosition(last.Seq, last.Hash, activeLength, partial);
        }

        if (head.Seq < last.Seq && await InterruptedCommitAsync(tailPath, head, keyring, cancellationToken))
        {
            return new LogPosition(last.Seq, last.Hash, activeLength, partial);
        }

        if (head.Seq < last.Seq && LaggedAcrossRestart(head, _boot) && await ChainsOnFromHeadAsync(tailPath, head, keyring, cancellationToken))
        {
            return new LogPosition(last.Seq, last.Hash, activeLength, partial, RestartLag(head, last.Seq));
        }

        throw Damaged(head.Seq > last.Seq
            ? $"{AuditFiles.HeadName} records entry {head.Seq} but {tailFile} ends with entry {last.Seq}: entries were deleted or the file was truncated."
            : $"{AuditFiles.HeadName} (entry {head.Seq}) does not match the last entry of {tailFile} (entry {last.Seq}).");
    }

    /// <summary>
    /// Whether the entries after <paramref name="head"/> at the end of <paramref name="path"/> are one commit the crash
    /// kept from reaching the head (see <see cref="LastCommit"/>), each with a valid MAC. Read only after a crash.
    /// </summary>
    private static async Task<bool> InterruptedCommitAsync(string path, AuditHead head, AuditKeyring? keyring, CancellationToken cancellationToken)
    {
        var lastCommit = new LastCommit();
        await using var stream = AuditFiles.OpenLog(path);
        await foreach (var line in AuditFiles.ReadLinesAsync(stream, long.MaxValue, cancellationToken))
        {
            if (!line.Terminated)
            {
                break;
            }

            try
            {
                var entry = AuditFormat.Parse(line.Bytes);
                if (entry.Seq > head.Seq)
                {
                    AuditFormat.ParseVerified(line.Bytes, id => keyring?.Find(id), out _);
                }

                lastCommit.Add(entry);
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return lastCommit.ExplainsHeadBehind(head.Seq, head.Hash);
    }

    /// <summary>
    /// Whether a head that lags the log by more than one commit can be explained by a restart of the machine: it was
    /// written during another boot than <paramref name="currentBoot"/> (the in-place updates after its last fsync were
    /// lost with the page cache). A head of the current boot, or of no known boot, that lags is not Bastion's doing.
    /// </summary>
    internal static bool LaggedAcrossRestart(AuditHead head, string? currentBoot) =>
        head.Boot is not null && currentBoot is not null && !string.Equals(head.Boot, currentBoot, StringComparison.Ordinal);

    /// <summary>
    /// Whether the entries of <paramref name="path"/> after the head chain on from it without a gap (entry head.seq+1 has
    /// the head's hash as prev, each later one the hash before it) to the end, each with a valid MAC.
    /// </summary>
    private static async Task<bool> ChainsOnFromHeadAsync(string path, AuditHead head, AuditKeyring? keyring, CancellationToken cancellationToken)
    {
        var expectedSeq = head.Seq + 1;
        var prev = head.Hash;
        var started = false;
        await using var stream = AuditFiles.OpenLog(path);
        await foreach (var line in AuditFiles.ReadLinesAsync(stream, long.MaxValue, cancellationToken))
        {
            if (!line.Terminated)
            {
                break;
            }

            try
            {
                var entry = AuditFormat.Parse(line.Bytes);
                if (entry.Seq < expectedSeq && !started)
                {
                    if (entry.Seq == head.Seq && !string.Equals(entry.Hash, head.Hash, StringComparison.Ordinal))
                    {
                        return false;
                    }

                    continue;
                }

                started = true;
                if (entry.Seq != expectedSeq || !string.Equals(entry.Prev, prev, StringComparison.Ordinal))
                {
                    return false;
                }

                AuditFormat.ParseVerified(line.Bytes, id => keyring?.Find(id), out _);
                prev = entry.Hash;
                expectedSeq++;
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return started;
    }

    private static AuditRecord RestartLag(AuditHead head, long lastSeq)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("head_seq", head.Seq);
            writer.WriteNumber("last_seq", lastSeq);
            writer.WriteString("head_boot", head.Boot);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return new AuditRecord(AuditFormat.RecoveryPhase, "bastion", null, null, "audit", document.RootElement.Clone(), [], "allowed",
            $"The machine restarted while {AuditFiles.HeadName} recorded entry {head.Seq} but the log held entries up to {lastSeq}: the head is updated in place without fsync for each commit, so a power loss or kernel crash can leave it behind. Entries {head.Seq + 1} to {lastSeq} chain on from the head with valid MACs; the head was rolled forward.",
            "ok", null, null);
    }

    private AuditRecord Quarantine(LogPosition position)
    {
        var time = _clock.GetUtcNow();
        var name = AuditFiles.QuarantineName(time, position.Seq);
        using (var source = new FileStream(_activePath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            var bytes = new byte[position.PartialLength];
            source.Position = position.ActiveLength;
            source.ReadExactly(bytes);
            using (var target = new FileStream(Path.Combine(_directory, name), new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = AuditFiles.PrivateFile,
            }))
            {
                target.Write(bytes);
                target.Flush(flushToDisk: true);
            }

            source.SetLength(position.ActiveLength);
            source.Flush(flushToDisk: true);
        }

        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("quarantined_file", name);
            writer.WriteNumber("bytes", position.PartialLength);
            writer.WriteNumber("after_seq", position.Seq);
            writer.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        var arguments = document.RootElement.Clone();
        return new AuditRecord(AuditFormat.RecoveryPhase, "bastion", null, null, "audit", arguments, [], "allowed",
            $"{AuditFiles.ActiveName} ended in a partial line (a write interrupted by a crash); its {position.PartialLength} bytes were moved to {name}.",
            "ok", null, null);
    }

    private AuditUnavailableException Damaged(string problem) =>
        new($"The audit log in {_directory} cannot be continued: {problem} Examine it with the audit verification and move the damaged files aside; nothing is appended until then.");

    private async Task<(IReadOnlyList<RotatedFile> Rotated, FileStream? Active, long ActiveLength)> SnapshotAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var rotated = AuditFiles.ListRotated(_directory);
            if (!File.Exists(_activePath))
            {
                return (rotated, null, 0);
            }

            // The open handle keeps reading this file even if it is rotated meanwhile; its length now bounds the read.
            var active = OpenRead(_activePath);
            return (rotated, active, active.Length);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The entries of each file, newest file first.</summary>
    private async IAsyncEnumerable<List<AuditEntry>> ReadNewestFirstAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var (rotated, active, activeLength) = await SnapshotAsync(cancellationToken);
        using (active)
        {
            if (active is not null)
            {
                yield return await ReadEntriesAsync(active, activeLength, AuditFiles.ActiveName, cancellationToken).ToListAsync(cancellationToken);
            }
        }

        for (var i = rotated.Count - 1; i >= 0; i--)
        {
            if (TryOpenRead(rotated[i].Path) is not { } opened)
            {
                yield break; // pruned by retention since the listing: so are all older files
            }

            await using var stream = opened;
            yield return await ReadEntriesAsync(stream, long.MaxValue, rotated[i].Name, cancellationToken).ToListAsync(cancellationToken);
        }
    }

    private static async IAsyncEnumerable<AuditEntry> ReadEntriesAsync(Stream stream, long limit, string name, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in AuditFiles.ReadLinesAsync(stream, limit, cancellationToken))
        {
            if (!line.Terminated)
            {
                yield break;
            }

            AuditEntry entry;
            try
            {
                entry = AuditFormat.Parse(line.Bytes);
            }
            catch (FormatException e)
            {
                throw new BastionException($"The audit log is damaged: {name} line {line.Number}: {e.Message} Check it with the audit verification.", e);
            }

            yield return entry;
        }
    }

    private static Stream? TryOpenRead(string path)
    {
        try
        {
            return AuditFiles.OpenLog(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
}
