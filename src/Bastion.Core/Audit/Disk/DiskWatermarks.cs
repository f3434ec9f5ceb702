using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Audit.Disk;

/// <summary>
/// Reads the free space of the file system that holds <paramref name="directory"/> (<c>statvfs</c>, through
/// <see cref="DriveInfo.AvailableFreeSpace"/>: the bytes Bastion's user may still write) and compares it with the low
/// watermark <paramref name="low"/> and the floor <paramref name="floor"/> (either may be null: not checked).
/// <para>
/// Each change of level is logged once per file system and process (a warning going down, information coming back)
/// and counted in <see cref="AuditDiskTelemetry"/>, whoever read it (the readiness probe, each tenant's log): the
/// last level seen is kept per mount point.
/// </para>
/// </summary>
public sealed partial class DiskWatermarks(string directory, DiskWatermark? low, DiskWatermark? floor, ILogger? logger = null)
{
    private static readonly ConcurrentDictionary<string, DiskLevel> LastLevel = new(StringComparer.Ordinal);

    private readonly string _directory = Path.GetFullPath(directory);
    private string? _mount;

    /// <summary>The low watermark: under it <c>/readyz</c> is unready and a warning is logged.</summary>
    public DiskWatermark? Low => low;

    /// <summary>The floor: under it calls are refused.</summary>
    public DiskWatermark? Floor => floor;

    /// <summary>Reads the file system now; logs and counts a change of level.</summary>
    /// <exception cref="IOException">The file system cannot be read.</exception>
    public DiskState Check()
    {
        if (low is null && floor is null)
        {
            return new DiskState(DiskLevel.Ok, 0, 0, null);
        }

        var existing = _directory;
        while (!Directory.Exists(existing) && Path.GetDirectoryName(existing) is { } parent)
        {
            existing = parent;
        }

        var drive = new DriveInfo(existing);
        var (free, total) = (drive.AvailableFreeSpace, drive.TotalSize);
        var state = Classify(free, total);
        AuditDiskTelemetry.Observe(free, state.Level);
        Record(state, existing);
        return state;
    }

    /// <summary>The state of <paramref name="free"/> free bytes of <paramref name="total"/> against the watermarks.</summary>
    public DiskState Classify(long free, long total)
    {
        if (floor is not null && free < floor.ThresholdBytes(total))
        {
            return new DiskState(DiskLevel.Floor, free, total,
                $"{Size(free)} free of {Size(total)} on the file system of {_directory}, under the floor of {Size(floor.ThresholdBytes(total))} ({AuditOptions.DiskFloorVariable}={floor}): calls are refused until space is freed");
        }

        if (low is not null && free < low.ThresholdBytes(total))
        {
            return new DiskState(DiskLevel.Low, free, total,
                $"{Size(free)} free of {Size(total)} on the file system of {_directory}, under the low watermark of {Size(low.ThresholdBytes(total))} ({AuditOptions.DiskLowVariable}={low}); calls are refused under {(floor is null ? "no floor" : Size(floor.ThresholdBytes(total)))}");
        }

        return new DiskState(DiskLevel.Ok, free, total, null);
    }

    private void Record(DiskState state, string existing)
    {
        _mount ??= MountPoint(existing);
        var previous = LastLevel.GetValueOrDefault(_mount, DiskLevel.Ok);
        if (previous == state.Level || !LastLevel.TryUpdate(_mount, state.Level, previous) && !LastLevel.TryAdd(_mount, state.Level))
        {
            return;
        }

        if (state.Level > previous)
        {
            AuditDiskTelemetry.CountWarning(state.Level);
            if (logger is not null)
            {
                LogLow(logger, state.Reason!);
            }
        }
        else if (logger is not null)
        {
            var free = Size(state.FreeBytes);
            var where = state.Level == DiskLevel.Ok ? "above the low watermark" : "above the floor, still under the low watermark";
            LogRecovered(logger, free, _mount, where);
        }
    }

    private static string MountPoint(string path)
    {
        try
        {
            return DriveInfo.GetDrives()
                .Select(d => d.Name)
                .Where(m => path == m.TrimEnd('/') || path.StartsWith(m.EndsWith('/') ? m : m + "/", StringComparison.Ordinal))
                .OrderByDescending(m => m.Length)
                .FirstOrDefault() ?? path;
        }
        catch (IOException)
        {
            return path;
        }
    }

    /// <summary><paramref name="bytes"/> in the largest binary unit that keeps it at least 1, e.g. <c>1.5 MiB</c>.</summary>
    internal static string Size(long bytes)
    {
        string[] units = ["bytes", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} bytes" : value.ToString("0.#", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit disk space low: {Reason}")]
    private static partial void LogLow(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit disk space recovered: {Free} free on {Mount}, {Where}")]
    private static partial void LogRecovered(ILogger logger, string free, string mount, string where);
}
