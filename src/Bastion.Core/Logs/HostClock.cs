namespace Bastion.Core.Logs;

/// <summary>
/// A host's clock as its logs need it: its current time and its UTC offset (from <c>date +%s %z</c> on the host), so
/// that time stamps written without a year (syslog RFC 3164) or without a zone (nginx and Apache error logs, written
/// in local time) can be placed.
/// </summary>
/// <param name="Now">The host's current time.</param>
/// <param name="Offset">The host's offset from UTC.</param>
public sealed record HostClock(DateTimeOffset Now, TimeSpan Offset)
{
    /// <summary>Parses the line <c>date '+%s %z'</c> prints, e.g. <c>1796536800 +0100</c>.</summary>
    /// <exception cref="FormatException">Not a number of seconds and an offset.</exception>
    public static HostClock Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var f = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (f.Length != 2 || !long.TryParse(f[0], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || LogTimestamp.Offset(f[1]) is not { } offset)
        {
            throw new FormatException($"date '+%s %z' printed '{Limits.Clip(line, 100)}', not seconds and a UTC offset.");
        }

        return new HostClock(DateTimeOffset.FromUnixTimeSeconds(seconds).ToOffset(offset), offset);
    }
}
