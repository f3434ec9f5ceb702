using System.Globalization;

namespace Bastion.Core.History;

/// <summary>Parses the times and durations of history questions: <c>now</c>, relative (<c>-24h</c>, <c>-30m</c>), ISO 8601.</summary>
public static class HistoryTime
{
    /// <summary>What a time may look like, for error messages.</summary>
    public const string AcceptedTimes = "'now', a relative time such as -30m, -24h, -7d (units s, m, h, d), or an ISO 8601 time such as 2026-12-06T03:00:00Z";

    /// <summary>A time: <c>now</c>, <c>-N[s|m|h|d]</c> before <paramref name="now"/>, or ISO 8601 (UTC unless it says otherwise).</summary>
    /// <exception cref="BastionException">Not one of those forms; the message names <paramref name="what"/> and the accepted ones.</exception>
    public static DateTimeOffset Parse(string? text, DateTimeOffset now, string what)
    {
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return now;
        }

        if (value.StartsWith('-') && Duration(value[1..]) is { } ago)
        {
            return now - ago;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
        {
            return at;
        }

        throw new BastionException($"{what} '{Limits.Clip(value, 60)}' is not a time. Accepted: {AcceptedTimes}.");
    }

    /// <summary>A duration such as <c>500ms</c>, <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>7d</c>, or a bare number of seconds; null when it is none.</summary>
    public static TimeSpan? Duration(string? text)
    {
        var value = text?.Trim().ToLowerInvariant() ?? string.Empty;
        if (value.Length == 0)
        {
            return null;
        }

        if (value.EndsWith("ms", StringComparison.Ordinal))
        {
            return double.TryParse(value[..^2], NumberStyles.Float, CultureInfo.InvariantCulture, out var ms) && ms > 0 && ms < 1e12 ? TimeSpan.FromMilliseconds(ms) : null;
        }

        var (number, unit) = char.IsAsciiLetter(value[^1]) ? (value[..^1], value[^1]) : (value, 's');
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0 || double.IsInfinity(n))
        {
            return null;
        }

        return unit switch
        {
            's' => TimeSpan.FromSeconds(n),
            'm' => TimeSpan.FromMinutes(n),
            'h' => TimeSpan.FromHours(n),
            'd' => TimeSpan.FromDays(Math.Min(n, 3650)),
            _ => null,
        };
    }
}
