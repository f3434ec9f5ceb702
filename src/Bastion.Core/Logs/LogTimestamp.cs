using System.Globalization;
using System.Text.RegularExpressions;

namespace Bastion.Core.Logs;

/// <summary>
/// Reads the time stamp a log line starts with, in the formats Linux hosts write: ISO 8601 (journalctl -o short-iso,
/// rsyslog's precise format, most applications), syslog RFC 5424 and RFC 3164, the nginx error log, the Apache error
/// log, and the common/combined access log of nginx and Apache (whose stamp follows the client fields). Pure: no I/O.
/// </summary>
public static partial class LogTimestamp
{
    /// <summary>The time stamp at the start of <paramref name="line"/>, in UTC, or null when it has none.</summary>
    /// <param name="line">One log line.</param>
    /// <param name="clock">The host's clock, for stamps without a year or a zone.</param>
    public static DateTimeOffset? Read(string line, HostClock clock)
    {
        ArgumentNullException.ThrowIfNull(line);
        ArgumentNullException.ThrowIfNull(clock);
        var head = line.Length > 400 ? line[..400] : line;
        if (Iso().Match(head) is { Success: true } iso)
        {
            return Place(iso, "yyyy-MM-dd HH:mm:ss", iso.Groups["date"].Value + " " + iso.Groups["time"].Value, clock);
        }

        if (Bsd().Match(head) is { Success: true } bsd)
        {
            return Bsd3164(bsd, clock);
        }

        if (NginxError().Match(head) is { Success: true } nginx)
        {
            return Place(nginx, "yyyy/MM/dd HH:mm:ss", nginx.Groups["stamp"].Value, clock);
        }

        if (ApacheError().Match(head) is { Success: true } apache)
        {
            return Place(apache, "MMM dd HH:mm:ss yyyy", $"{apache.Groups["md"].Value} {apache.Groups["time"].Value} {apache.Groups["year"].Value}", clock);
        }

        if (Access().Match(head) is { Success: true } access)
        {
            return Place(access, "dd/MMM/yyyy:HH:mm:ss", access.Groups["stamp"].Value, clock);
        }

        return null;
    }

    /// <summary>A UTC offset as logs write it: <c>Z</c>, <c>+0100</c>, <c>+01:00</c>, <c>-05</c>; null when it is none.</summary>
    public static TimeSpan? Offset(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text is "Z" or "z")
        {
            return TimeSpan.Zero;
        }

        var digits = text.Replace(":", string.Empty, StringComparison.Ordinal);
        if (digits.Length is not (3 or 5) || digits[0] is not ('+' or '-')
            || !int.TryParse(digits.AsSpan(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            || !int.TryParse(digits.Length == 5 ? digits.AsSpan(3, 2) : "00", NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            || hours > 14 || minutes > 59)
        {
            return null;
        }

        var span = new TimeSpan(hours, minutes, 0);
        return digits[0] == '-' ? -span : span;
    }

    private static DateTimeOffset? Place(Match match, string format, string stamp, HostClock clock)
    {
        if (!DateTime.TryParseExact(stamp, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var fraction = match.Groups["frac"] is { Success: true } f ? Fraction(f.Value) : TimeSpan.Zero;
        var offset = match.Groups["zone"] is { Success: true } z ? Offset(z.Value) : clock.Offset;
        return offset is null ? null : new DateTimeOffset(local + fraction, offset.Value).ToUniversalTime();
    }

    // RFC 3164 writes no year: the host's year, unless that puts the line more than a day in the host's future (a line
    // from December read in January).
    private static DateTimeOffset? Bsd3164(Match match, HostClock clock)
    {
        var text = $"{match.Groups["mon"].Value} {match.Groups["day"].Value.Trim().PadLeft(2, '0')} {match.Groups["time"].Value}";
        var year = clock.Now.ToOffset(clock.Offset).Year;
        foreach (var y in new[] { year, year - 1 })
        {
            if (DateTime.TryParseExact($"{text} {y}", "MMM dd HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                var moment = new DateTimeOffset(local + Fraction(match.Groups["frac"].Value), clock.Offset);
                if (moment <= clock.Now.AddDays(1))
                {
                    return moment.ToUniversalTime();
                }
            }
        }

        return null;
    }

    private static TimeSpan Fraction(string digits) =>
        digits.Length == 0 ? TimeSpan.Zero : TimeSpan.FromTicks((long)(double.Parse("0." + digits, CultureInfo.InvariantCulture) * TimeSpan.TicksPerSecond));

    // ISO 8601, bare or after an RFC 5424 header "<PRI>1 ": 2026-12-06T06:07:12+0000, 2026-12-06 06:07:18,776.
    [GeneratedRegex(@"^(?:<\d{1,3}>1 )?(?<date>\d{4}-\d{2}-\d{2})[T ](?<time>\d{2}:\d{2}:\d{2})(?:[.,](?<frac>\d{1,9}))?(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?(?=[\s\]]|$)", RegexOptions.CultureInvariant)]
    private static partial Regex Iso();

    // RFC 3164: "Dec  6 06:06:23 host …", optionally after "<PRI>".
    [GeneratedRegex(@"^(?:<\d{1,3}>)?(?<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?<day>[ 0-3]\d) (?<time>\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d{1,9}))? ", RegexOptions.CultureInvariant)]
    private static partial Regex Bsd();

    // nginx error log, local time: "2026/12/06 06:06:31 [error] …".
    [GeneratedRegex(@"^(?<stamp>\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}) \[", RegexOptions.CultureInvariant)]
    private static partial Regex NginxError();

    // Apache error log, local time: "[Sun Dec 06 06:06:34.447146 2026] [core:error] …".
    [GeneratedRegex(@"^\[(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<md>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{2}) (?<time>\d{2}:\d{2}:\d{2})(?:\.(?<frac>\d{1,9}))? (?<year>\d{4})\]", RegexOptions.CultureInvariant)]
    private static partial Regex ApacheError();

    // Common/combined access log: "127.0.0.1 - - [06/Dec/2026:06:06:31 +0000] "GET / …".
    [GeneratedRegex(@"^\S{1,255} \S{1,255} \S{1,255} \[(?<stamp>\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:\d{2}) (?<zone>[+-]\d{4})\]", RegexOptions.CultureInvariant)]
    private static partial Regex Access();
}
