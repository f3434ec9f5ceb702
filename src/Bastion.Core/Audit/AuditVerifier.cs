namespace Bastion.Core.Audit;

/// <summary>Walks an audit directory's files in order and reports the first break in the chain.</summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(string directory, AuditVerifyOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(options);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            return new AuditVerification(false, 0, 0, $"The audit directory {directory} does not exist.");
        }

        var keyFile = Path.GetFullPath(options.KeyFile ?? AuditOptions.DefaultKeyFile(directory));
        AuditKeyring? keyring;
        try
        {
            keyring = AuditKeyring.Load(keyFile);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
        {
            return new AuditVerification(false, 0, 0, $"{AuditKeyring.FileName}: {e.Message}");
        }

        AuditKey Lookup(string id) => keyring?.Find(id) ?? throw new FormatException(keyring is null
            ? $"the entry is keyed with audit key {id} but there is no audit keyring at {keyFile}: restore it (or name it with --key-file)."
            : $"the entry is keyed with audit key {id}, which is not in the keyring {keyFile}.");

        AuditCheckpoint? checkpoint;
        try
        {
            checkpoint = AuditCheckpoint.Read(directory);
        }
        catch (FormatException e)
        {
            return new AuditVerification(false, 0, 0, $"{AuditCheckpoint.FileName} line 1: {e.Message}");
        }

        if (checkpoint is not null)
        {
            var checkpointKey = keyring?.Find(checkpoint.Key);
            if (checkpointKey is null || !checkpoint.IsValidUnder(checkpointKey))
            {
                return new AuditVerification(false, 0, 0, checkpointKey is null
                    ? $"{AuditCheckpoint.FileName} line 1: it is keyed with audit key {checkpoint.Key}, which is not in the keyring {keyFile}."
                    : $"{AuditCheckpoint.FileName} line 1: its MAC does not match its seq, hash, time and file count: it was written without the audit key.");
            }
        }

        // Files wholly before the checkpoint are left over from a pruning interrupted before it deleted them.
        var rotated = AuditFiles.ListRotated(directory).Where(f => f.LastSeq > (checkpoint?.Seq ?? 0)).ToList();
        var activePath = Path.Combine(directory, AuditFiles.ActiveName);
        var files = rotated.Select(f => (f.Path, f.Name, LastSeq: (long?)f.LastSeq)).ToList();
        var activeExists = File.Exists(activePath);
        if (activeExists)
        {
            files.Add((activePath, AuditFiles.ActiveName, null));
        }

        long expectedSeq = (checkpoint?.Seq ?? 0) + 1;
        var prevHash = checkpoint?.Hash ?? AuditFormat.GenesisHash;
        AuditEntry? first = null;
        long count = 0;
        var filesChecked = 0;
        AuditEntry? last = null;
        var lastFile = AuditFiles.ActiveName;
        long lastLine = 0;
        long activeLines = 0;
        long unkeyed = 0;
        string? anchorFound = null;
        var lastCommit = new LastCommit();

        // The head's seq as the walk starts, so that the hash of that entry is at hand if the head turns out to lag.
        long? headSeqBefore;
        try
        {
            headSeqBefore = AuditFiles.ReadHead(directory)?.Seq;
        }
        catch (FormatException)
        {
            headSeqBefore = null;
        }

        string? hashAtHeadSeq = headSeqBefore == 0 ? AuditFormat.GenesisHash : null;

        AuditVerification Fail(string file, long line, string what) => new(false, count, filesChecked, $"{file} line {line}: {what}");

        foreach (var (path, name, nameSeq) in files)
        {
            filesChecked++;
            long lineNumber = 0;
            long? fileLastSeq = null;
            await using (var stream = AuditFiles.OpenLog(path))
            {
                await foreach (var line in AuditFiles.ReadLinesAsync(stream, long.MaxValue, cancellationToken))
                {
                    lineNumber = line.Number;
                    if (!line.Terminated)
                    {
                        return Fail(name, lineNumber, "partial line: the file does not end with a newline (a write was interrupted, or the file was truncated).");
                    }

                    AuditEntry entry;
                    string? keyId;
                    try
                    {
                        entry = AuditFormat.ParseVerified(line.Bytes, Lookup, out keyId);
                    }
                    catch (FormatException e)
                    {
                        return Fail(name, lineNumber, e.Message);
                    }

                    if (entry.Seq < expectedSeq)
                    {
                        return Fail(name, lineNumber, $"seq {entry.Seq} comes after seq {expectedSeq - 1}: entries are out of order or repeated.");
                    }

                    if (entry.Seq > expectedSeq)
                    {
                        var where = lineNumber == 1 && filesChecked > 1
                            ? $"entries {expectedSeq} to {entry.Seq - 1} are missing (a rotated file was deleted?)"
                            : lineNumber == 1 && filesChecked == 1
                                ? checkpoint is null
                                    ? $"entries 1 to {entry.Seq - 1} are missing (the oldest files were deleted?)"
                                    : $"entries {expectedSeq} to {entry.Seq - 1} are missing: {AuditCheckpoint.FileName} says the chain continues after entry {checkpoint.Seq} (files were deleted after the last pruning?)"
                                : "entries were deleted or reordered";
                        return Fail(name, lineNumber, $"seq {entry.Seq} where seq {expectedSeq} was expected: {where}.");
                    }

                    if (entry.Prev != prevHash)
                    {
                        return Fail(name, lineNumber, checkpoint is not null && entry.Seq == checkpoint.Seq + 1
                            ? $"prev does not match the hash {AuditCheckpoint.FileName} records for entry {checkpoint.Seq}: the checkpoint or this entry was replaced."
                            : $"prev does not match the hash of entry {expectedSeq - 1}: the entry before it was changed, or this one was forged.");
                    }

                    first ??= entry;

                    if (KeyProblem(keyring, entry.Seq, keyId) is { } keyProblem)
                    {
                        return Fail(name, lineNumber, keyProblem);
                    }

                    if (keyId is null)
                    {
                        unkeyed++;
                    }

                    if (entry.Seq == headSeqBefore)
                    {
                        hashAtHeadSeq = entry.Hash;
                    }

                    if (entry.Seq == options.AnchorSeq)
                    {
                        anchorFound = entry.Hash;
                    }

                    expectedSeq++;
                    prevHash = entry.Hash;
                    count++;
                    fileLastSeq = entry.Seq;
                    last = entry;
                    lastCommit.Add(entry);
                    lastFile = name;
                    lastLine = lineNumber;
                }
            }

            if (nameSeq is { } expectedLast)
            {
                if (fileLastSeq is null)
                {
                    return Fail(name, 1, "the rotated file is empty.");
                }

                if (fileLastSeq != expectedLast)
                {
                    return Fail(name, lineNumber + 1, $"the file's name says it ends with entry {expectedLast} but its last entry is {fileLastSeq}: entries were removed from its end.");
                }
            }
            else
            {
                activeLines = lineNumber;
            }
        }

        AuditHead? head;
        try
        {
            head = AuditFiles.ReadHead(directory);
        }
        catch (FormatException e)
        {
            return Fail(AuditFiles.HeadName, 1, e.Message);
        }

        var lastSeq = expectedSeq - 1;
        if (checkpoint is not null && count == 0)
        {
            return Fail(AuditFiles.ActiveName, 1, $"{AuditCheckpoint.FileName} says the chain continues after entry {checkpoint.Seq}, but no entry follows it: the remaining files were deleted.");
        }

        var missingAt = activeExists ? activeLines + 1 : 1;
        if (head is null)
        {
            return Fail(AuditFiles.HeadName, 1, lastSeq == 0
                ? $"{AuditFiles.HeadName} is missing and there are no entries: the log was deleted (a log that was never written still has a head, with seq 0, from its creation)."
                : $"{AuditFiles.HeadName} is missing although the log holds {lastSeq} entries: it was deleted.");
        }

        if (HeadProblem(keyring, head, keyFile) is { } headProblem)
        {
            return Fail(AuditFiles.HeadName, 1, headProblem);
        }

        if (head.Seq == 0 && head.Hash != AuditFormat.GenesisHash)
        {
            return Fail(AuditFiles.HeadName, 1, $"{AuditFiles.HeadName} records entry 0 with a hash other than 64 zeros.");
        }

        if (head.Seq > lastSeq)
        {
            return Fail(AuditFiles.ActiveName, missingAt,
                $"entry {lastSeq + 1} is missing: {AuditFiles.HeadName} records entry {head.Seq} as the last one, so entries were deleted from the end or the file was truncated{(activeExists ? "" : " or deleted")}.");
        }

        if (head.Seq == lastSeq && lastSeq > 0 && head.Hash != last!.Hash)
        {
            return Fail(lastFile, lastLine, $"the last entry ({lastSeq}) does not have the hash {AuditFiles.HeadName} records: it was replaced.");
        }

        // A crash between a commit's fsync and the head's update leaves the head behind by that commit's entries
        // (which share one time, and none of which was answered); anything further behind is not Bastion's doing.
        string? lagNote = null;
        if (head.Seq < lastSeq && !lastCommit.ExplainsHeadBehind(head.Seq, head.Hash) && AuditLog.LaggedAcrossRestart(head, BootId.Current))
        {
            // The head is updated in place without fsync for each commit: a restart of the machine (power loss, kernel
            // crash) can leave it behind by the commits since its last fsync. The walk proved the entries after it chain
            // on from the entry it records, if that entry has the head's hash.
            if (head.Seq != headSeqBefore || !string.Equals(hashAtHeadSeq, head.Hash, StringComparison.Ordinal))
            {
                return Fail(AuditFiles.HeadName, 1, head.Seq != headSeqBefore
                    ? $"{AuditFiles.HeadName} changed while the log was read (a writer is running?): verify again."
                    : $"entry {head.Seq} does not have the hash {AuditFiles.HeadName} records: it was replaced.");
            }

            lagNote = $"; {AuditFiles.HeadName} records entry {head.Seq}, written before the machine last restarted, and the log goes on to entry {lastSeq}: " +
                $"entries {head.Seq + 1} to {lastSeq} chain on from it with valid MACs, but a cut among them would not show until the writer rolls the head forward (as after a power loss)";
        }
        else if (head.Seq < lastSeq && !lastCommit.ExplainsHeadBehind(head.Seq, head.Hash))
        {
            return Fail(lastFile, lastLine, $"{AuditFiles.HeadName} records entry {head.Seq} but the log goes on to entry {lastSeq}: entries were added by something other than Bastion, or {AuditFiles.HeadName} was replaced by an older copy.");
        }

        if (keyring is not null && lastSeq < keyring.MinimumLength)
        {
            return Fail(AuditFiles.ActiveName, missingAt,
                $"the log ends with entry {lastSeq} but the keyring {keyFile} shows it had reached entry {keyring.MinimumLength}: entries were deleted and {AuditFiles.HeadName} replaced by an older copy.");
        }

        if (options.AnchorSeq is { } anchorSeq)
        {
            if (anchorFound is null)
            {
                return Fail(AuditFiles.ActiveName, missingAt, $"the anchor records entry {anchorSeq} but the log ends with entry {lastSeq}: entries were deleted since the anchor was taken.");
            }

            if (!string.Equals(anchorFound, options.AnchorHash, StringComparison.Ordinal))
            {
                return Fail(AuditFiles.HeadName, 1, $"entry {anchorSeq} does not have the hash the anchor records: the chain was rewritten since the anchor was taken.");
            }
        }

        if (keyring is null)
        {
            return options.AllowUnkeyed
                ? new AuditVerification(true, count, filesChecked, null, $"unkeyed: no audit keyring; {count} entries written before keyed chains, checked as a plain SHA-256 chain, which a rewrite of the whole chain would also pass.")
                : Fail(AuditKeyring.FileName, 1,
                    $"there is no audit keyring at {keyFile}, and the log's {count} entries are unkeyed (written by a Bastion before keyed chains, or rewritten without the key). " +
                    "Pass --allow-unkeyed to check them as a plain hash chain, or restore the keyring.");
        }

        var keys = keyring.Active.Count(k => k.Since <= Math.Max(lastSeq, 1));
        var note = $"keyed with {keys} audit key(s)" + (unkeyed > 0 ? $"; entries 1 to {unkeyed} are unkeyed, written before keyed chains" : string.Empty) + lagNote;
        if (checkpoint is not null)
        {
            note += $"; from checkpoint: entries 1 to {checkpoint.Seq} were pruned by retention ({checkpoint.Files} file(s), last at {AuditFormat.FormatTime(checkpoint.Time.ToUniversalTime())}), " +
                $"and the chain continues from entry {checkpoint.Seq} (hash {checkpoint.Hash[..16]}…): it covers entries {first!.Seq} to {lastSeq}, " +
                $"written {AuditFormat.FormatTime(first.Time.ToUniversalTime())} to {AuditFormat.FormatTime(last!.Time.ToUniversalTime())}";
        }
        return new AuditVerification(true, count, filesChecked, null, note);
    }

    /// <summary>Whether entry <paramref name="seq"/> is keyed as the keyring says it must be.</summary>
    private static string? KeyProblem(AuditKeyring? keyring, long seq, string? keyId)
    {
        if (keyring is null)
        {
            return null; // a keyed entry already failed: there are no keys to check it with
        }

        var expected = keyring.KeyFor(seq);
        return (expected, keyId) switch
        {
            (null, null) => null,
            (null, _) => $"entry {seq} is keyed, but the keyring says the first {keyring.UnkeyedEntries} entries are unkeyed: the keyring or the entries were replaced.",
            (_, null) => $"entry {seq} is unkeyed, but the chain is keyed from entry {keyring.UnkeyedEntries + 1} on: it was rewritten without the audit key.",
            _ when expected.Id != keyId => $"entry {seq} is keyed with audit key {keyId}, but the keyring says key {expected.Id} keys entries from {expected.Since} on.",
            _ => null,
        };
    }

    /// <summary>Whether the head's MAC is valid under the key in force at its entry.</summary>
    private static string? HeadProblem(AuditKeyring? keyring, AuditHead head, string keyFile)
    {
        if (head.Key is null)
        {
            return keyring is not null && head.Seq > keyring.UnkeyedEntries
                ? $"{AuditFiles.HeadName} carries no MAC although the chain is keyed: it was replaced."
                : null;
        }

        if (keyring?.Find(head.Key) is not { } key)
        {
            return keyring is null
                ? $"{AuditFiles.HeadName} is keyed with audit key {head.Key} but there is no audit keyring at {keyFile}: restore it (or name it with --key-file)."
                : $"{AuditFiles.HeadName} is keyed with audit key {head.Key}, which is not in the keyring {keyFile}.";
        }

        if (!string.Equals(key.HeadMac(head.Seq, head.Hash, head.Boot), head.Mac, StringComparison.Ordinal))
        {
            return $"the MAC of {AuditFiles.HeadName} does not match its seq and hash: it was written without the audit key.";
        }

        // The head is MAC'd with the key of its own entry, or of the next one (right after a rotation took a key into use).
        var inForce = keyring.KeyFor(head.Seq)?.Id == key.Id || keyring.KeyFor(head.Seq + 1)?.Id == key.Id;
        return inForce ? null : $"{AuditFiles.HeadName} (entry {head.Seq}) is keyed with audit key {key.Id}, which does not key that entry: an old head under an old key was put back.";
    }
}
