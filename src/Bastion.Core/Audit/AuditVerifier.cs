namespace Bastion.Core.Audit;

/// <summary>Walks an audit directory's files in order and reports the first break in the chain.</summary>
internal static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(string directory, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            return new AuditVerification(false, 0, 0, $"The audit directory {directory} does not exist.");
        }

        var rotated = AuditFiles.ListRotated(directory);
        var activePath = Path.Combine(directory, AuditFiles.ActiveName);
        var files = rotated.Select(f => (f.Path, f.Name, LastSeq: (long?)f.LastSeq)).ToList();
        var activeExists = File.Exists(activePath);
        if (activeExists)
        {
            files.Add((activePath, AuditFiles.ActiveName, null));
        }

        long expectedSeq = 1;
        var prevHash = AuditFormat.GenesisHash;
        long count = 0;
        var filesChecked = 0;
        AuditEntry? last = null;
        var lastFile = AuditFiles.ActiveName;
        long lastLine = 0;
        long activeLines = 0;

        AuditVerification Fail(string file, long line, string what) => new(false, count, filesChecked, $"{file} line {line}: {what}");

        foreach (var (path, name, nameSeq) in files)
        {
            filesChecked++;
            long lineNumber = 0;
            long? fileLastSeq = null;
            await using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, useAsync: true))
            {
                await foreach (var line in AuditFiles.ReadLinesAsync(stream, long.MaxValue, cancellationToken))
                {
                    lineNumber = line.Number;
                    if (!line.Terminated)
                    {
                        return Fail(name, lineNumber, "partial line: the file does not end with a newline (a write was interrupted, or the file was truncated).");
                    }

                    AuditEntry entry;
                    try
                    {
                        entry = AuditFormat.ParseVerified(line.Bytes);
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
                                ? $"entries 1 to {entry.Seq - 1} are missing (the oldest files were deleted?)"
                                : "entries were deleted or reordered";
                        return Fail(name, lineNumber, $"seq {entry.Seq} where seq {expectedSeq} was expected: {where}.");
                    }

                    if (entry.Prev != prevHash)
                    {
                        return Fail(name, lineNumber, $"prev does not match the hash of entry {expectedSeq - 1}: the entry before it was changed, or this one was forged.");
                    }

                    expectedSeq++;
                    prevHash = entry.Hash;
                    count++;
                    fileLastSeq = entry.Seq;
                    last = entry;
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
        var missingAt = activeExists ? activeLines + 1 : 1;
        if (head is null)
        {
            // The first entry is written before the head exists: a crash in between leaves one entry and no head.
            return lastSeq <= 1
                ? new AuditVerification(true, count, filesChecked, null)
                : Fail(AuditFiles.HeadName, 1, $"{AuditFiles.HeadName} is missing although the log holds {lastSeq} entries: it was deleted.");
        }

        if (head.Seq > lastSeq)
        {
            return Fail(AuditFiles.ActiveName, missingAt,
                $"entry {lastSeq + 1} is missing: {AuditFiles.HeadName} records entry {head.Seq} as the last one, so entries were deleted from the end or the file was truncated{(activeExists ? "" : " or deleted")}.");
        }

        if (head.Seq == lastSeq && head.Hash != last!.Hash)
        {
            return Fail(lastFile, lastLine, $"the last entry ({lastSeq}) does not have the hash {AuditFiles.HeadName} records: it was replaced.");
        }

        // A crash between writing an entry and updating the head leaves the head one entry behind.
        if (head.Seq < lastSeq && !(head.Seq == lastSeq - 1 && head.Hash == last!.Prev))
        {
            return Fail(lastFile, lastLine, $"{AuditFiles.HeadName} records entry {head.Seq} but the log goes on to entry {lastSeq}: entries were added by something other than Bastion, or {AuditFiles.HeadName} was replaced by an older copy.");
        }

        return new AuditVerification(true, count, filesChecked, null);
    }
}
