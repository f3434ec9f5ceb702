namespace Bastion.Core.Audit;

/// <summary>
/// How much disk an audit log takes and how fast it grows, for <c>bastion doctor</c>: <paramref name="Bytes"/> of its
/// log files (plain and compressed, as on disk), the times (UTC) of the first remaining and the last entry, and the free
/// bytes of the file system that holds it (<see cref="DriveInfo.AvailableFreeSpace"/>).
/// </summary>
public sealed record AuditUsage(long Bytes, DateTimeOffset? FirstEntry, DateTimeOffset? LastEntry, long FreeBytes)
{
    /// <summary>Bytes per day over the span from the first remaining to the last entry; null when that span is under an hour.</summary>
    public double? BytesPerDay => FirstEntry is { } first && LastEntry is { } last && last - first >= TimeSpan.FromHours(1)
        ? Bytes / (last - first).TotalDays
        : null;

    /// <summary>Days until the free space is used up at <see cref="BytesPerDay"/>; null when there is no rate.</summary>
    public double? DaysToFull => BytesPerDay is > 0 and var rate ? FreeBytes / rate : null;

    /// <summary>Measures the log in <paramref name="directory"/>.</summary>
    /// <exception cref="IOException">A file cannot be read.</exception>
    public static async Task<AuditUsage> MeasureAsync(string directory, CancellationToken cancellationToken)
    {
        directory = Path.GetFullPath(directory);
        var files = AuditFiles.ListRotated(directory).Select(f => f.Path).ToList();
        var active = Path.Combine(directory, AuditFiles.ActiveName);
        if (File.Exists(active))
        {
            files.Add(active);
        }

        var bytes = files.Sum(f => new FileInfo(f).Length);
        DateTimeOffset? first = null;
        DateTimeOffset? last = null;
        foreach (var file in files)
        {
            await using var stream = AuditFiles.OpenLog(file);
            await foreach (var line in AuditFiles.ReadLinesAsync(stream, long.MaxValue, cancellationToken))
            {
                if (line.Terminated)
                {
                    first = AuditFormat.Parse(line.Bytes).Time;
                }

                break;
            }

            if (first is not null)
            {
                break;
            }
        }

        for (var i = files.Count - 1; i >= 0 && last is null; i--)
        {
            var tail = await AuditFiles.ReadTailAsync(files[i], cancellationToken);
            last = tail.LastLine is null ? null : AuditFormat.Parse(tail.LastLine).Time;
        }

        var free = Directory.Exists(directory) ? new DriveInfo(directory).AvailableFreeSpace : 0;
        return new AuditUsage(bytes, first, last, free);
    }
}
