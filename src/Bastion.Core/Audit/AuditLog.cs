using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Bastion.Core.Configuration;

namespace Bastion.Core.Audit;

/// <summary>
/// A tamper-evident, append-only log of the tool calls Bastion serves, as JSON Lines in one directory.
/// </summary>
/// <remarks>
/// <para>
/// <b>Files.</b> Entries are appended to <c>audit.jsonl</c>. Before an entry would take it past
/// <see cref="AuditOptions.MaxFileBytes"/>, the file is renamed to <c>audit-&lt;UTC yyyyMMddTHHmmssZ&gt;-&lt;seq of its
/// last entry&gt;.jsonl</c> and a new one is started. <c>audit.head</c> holds the seq and hash of the last entry and is
/// replaced atomically after each append. <c>audit.lock</c> is held (flock) by the one writer.
/// </para>
/// <para>
/// <b>Chain.</b> Entry <c>n</c> carries <c>seq</c> = n (no gaps across files), <c>prev</c> = the <c>hash</c> of entry
/// n−1 (64 zeros for entry 1) and <c>hash</c> = hex SHA-256 of the line's UTF-8 bytes with its final
/// <c>,"hash":"…"}</c> replaced by <c>}</c>: the exact JSON written before the hash was appended, so verification
/// hashes bytes and never re-serialises. Editing, deleting, reordering or inserting entries breaks the chain;
/// deleting the last entries or truncating the file is caught by <c>audit.head</c>. The chain is unkeyed: it shows
/// tampering by anyone who does not rewrite every later entry and the head as well. Copying <c>audit.head</c>
/// elsewhere (or signing it) anchors it against that.
/// </para>
/// <para>
/// <b>Durability.</b> An append writes the whole line with one write and fsyncs it before it returns; the head is
/// written after. If the write fails, the file is cut back to where it was. A crash between the entry and the head
/// leaves the head one entry behind, which recovery rolls forward and verification accepts.
/// </para>
/// <para>
/// <b>Recovery.</b> Before its first append (and after any failure) the log finds its position from the last
/// complete line and the head. If the active file ends in a partial line and the complete lines agree with the head
/// — the signature of a write interrupted by a crash — the partial bytes are moved to
/// <c>audit-quarantine-&lt;time&gt;-after-&lt;seq&gt;.partial</c>, the file is cut back to its last newline, and a
/// <c>recovery</c> entry naming the quarantine file is appended before the caller's entry. In every other case
/// (the head is ahead of the file, hashes disagree, the last line is damaged, the head is missing) the log refuses
/// to append with <see cref="AuditUnavailableException"/> until an operator has examined it with
/// <see cref="VerifyAsync"/> and moved the damaged files aside: chaining onto such a log would hide the damage.
/// </para>
/// </remarks>
public sealed class AuditLog : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _directory;
    private readonly string _activePath;
    private readonly long _maxFileBytes;
    private readonly TimeProvider _clock;
    private FileStream? _lock;
    private FileStream? _active;
    private long _activeLength;
    private long _lastSeq;
    private string _lastHash = AuditFormat.GenesisHash;
    private bool _ready;
    private AuditRecord? _pendingRecovery;
    private bool _disposed;

    public AuditLog(AuditOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Directory);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFileBytes, 1);
        _directory = Path.GetFullPath(options.Directory);
        _activePath = Path.Combine(_directory, AuditFiles.ActiveName);
        _maxFileBytes = options.MaxFileBytes;
        _clock = clock;
    }

    /// <summary>
    /// Appends <paramref name="record"/> as the next entry, durably (fsync) before returning it.
    /// </summary>
    /// <exception cref="ArgumentException">The record has an unknown phase, decision or outcome, or no principal or tool.</exception>
    /// <exception cref="AuditUnavailableException">The entry could not be written (nothing was recorded), or the log is damaged and must be examined first.</exception>
    public async Task<AuditEntry> AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        AuditFormat.Validate(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            cancellationToken.ThrowIfCancellationRequested();
            if (!_ready)
            {
                _pendingRecovery ??= await RecoverAsync(cancellationToken);
            }

            // Kept until written: if this append fails, the next one records the quarantine first.
            if (_pendingRecovery is not null)
            {
                await WriteEntryAsync(_pendingRecovery);
                _pendingRecovery = null;
            }

            return await WriteEntryAsync(record);
        }
        finally
        {
            _gate.Release();
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
                await using var stream = OpenRead(file.Path);
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
    /// Checks the whole log in <paramref name="directory"/>: every rotated file in order, then <c>audit.jsonl</c>,
    /// then <c>audit.head</c>. Reports the first problem with its file and line.
    /// </summary>
    public static Task<AuditVerification> VerifyAsync(string directory, CancellationToken cancellationToken) =>
        AuditVerifier.VerifyAsync(directory, cancellationToken);

    public void Dispose()
    {
        _gate.Wait();
        try
        {
            _disposed = true;
            _ready = false;
            _active?.Dispose();
            _active = null;
            _lock?.Dispose();
            _lock = null;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<AuditEntry> WriteEntryAsync(AuditRecord record)
    {
        var time = _clock.GetUtcNow();
        var (line, entry) = AuditFormat.Serialize(_lastSeq + 1, time, record, _lastHash);
        try
        {
            if (_activeLength > 0 && _activeLength + line.Length > _maxFileBytes)
            {
                Rotate(time);
            }

            if (_active is null)
            {
                _active = new FileStream(_activePath, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.Write,
                    Share = FileShare.Read | FileShare.Delete,
                    UnixCreateMode = AuditFiles.PrivateFile,
                    BufferSize = 0,
                });
                _activeLength = _active.Length;
            }

            _active.Position = _activeLength;
            await _active.WriteAsync(line, CancellationToken.None);
            _active.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CutBack();
            throw new AuditUnavailableException($"The audit log in {_directory} could not record the entry: {e.Message} Nothing was recorded.", e);
        }

        _activeLength += line.Length;
        _lastSeq = entry.Seq;
        _lastHash = entry.Hash;
        try
        {
            await AuditFiles.WriteHeadAsync(_directory, new AuditHead(entry.Seq, entry.Hash));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Reset();
            throw new AuditUnavailableException($"The audit log in {_directory} recorded entry {entry.Seq} but could not update {AuditFiles.HeadName}: {e.Message}", e);
        }

        return entry;
    }

    /// <summary>After a failed write: removes whatever part of the line reached the file, then forces recovery before the next append.</summary>
    private void CutBack()
    {
        try
        {
            if (_active is not null)
            {
                _active.SetLength(_activeLength);
                _active.Flush(flushToDisk: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Recovery will find the partial line and quarantine it.
        }

        Reset();
    }

    private void Reset()
    {
        _ready = false;
        _active?.Dispose();
        _active = null;
    }

    private void Rotate(DateTimeOffset time)
    {
        _active?.Dispose();
        _active = null;
        File.Move(_activePath, Path.Combine(_directory, AuditFiles.RotatedName(time, _lastSeq)), overwrite: false);
        _activeLength = 0;
    }

    /// <summary>Finds the log's position; returns a recovery record to append first when a partial line was quarantined.</summary>
    private async Task<AuditRecord?> RecoverAsync(CancellationToken cancellationToken)
    {
        try
        {
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

            var position = await FindPositionAsync(cancellationToken);
            AuditRecord? note = null;
            if (position.PartialLength > 0)
            {
                note = Quarantine(position);
            }

            if (position.RollHeadForward)
            {
                await AuditFiles.WriteHeadAsync(_directory, new AuditHead(position.Seq, position.Hash));
            }

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

    private async Task<LogPosition> FindPositionAsync(CancellationToken cancellationToken)
    {
        var rotated = AuditFiles.ListRotated(_directory);
        FileTail? tail = null;
        var tailFile = AuditFiles.ActiveName;
        long partial = 0;
        long activeLength = 0;
        if (File.Exists(_activePath))
        {
            tail = await AuditFiles.ReadTailAsync(_activePath, cancellationToken);
            partial = tail.PartialLength;
            activeLength = tail.CompleteLength;
        }

        if (tail?.LastLine is null && rotated.Count > 0)
        {
            tailFile = rotated[^1].Name;
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

        if (tail?.LastLine is null)
        {
            return head is null
                ? new LogPosition(0, AuditFormat.GenesisHash, activeLength, partial, false)
                : throw Damaged($"{AuditFiles.HeadName} records entry {head.Seq} but there are no entries: the log files were deleted or emptied.");
        }

        AuditEntry last;
        try
        {
            last = AuditFormat.ParseVerified(tail.LastLine);
        }
        catch (FormatException e)
        {
            throw Damaged($"the last line of {tailFile} is not a valid entry: {e.Message}");
        }

        if (head is null)
        {
            return last.Seq == 1
                ? new LogPosition(1, last.Hash, activeLength, partial, RollHeadForward: true)
                : throw Damaged($"{AuditFiles.HeadName} is missing although the log ends with entry {last.Seq}.");
        }

        if (head.Seq == last.Seq && head.Hash == last.Hash)
        {
            return new LogPosition(last.Seq, last.Hash, activeLength, partial, false);
        }

        if (head.Seq == last.Seq - 1 && head.Hash == last.Prev)
        {
            return new LogPosition(last.Seq, last.Hash, activeLength, partial, RollHeadForward: true);
        }

        throw Damaged(head.Seq > last.Seq
            ? $"{AuditFiles.HeadName} records entry {head.Seq} but {tailFile} ends with entry {last.Seq}: entries were deleted or the file was truncated."
            : $"{AuditFiles.HeadName} (entry {head.Seq}) does not match the last entry of {tailFile} (entry {last.Seq}).");
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
            await using var stream = OpenRead(rotated[i].Path);
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

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 1);
}
