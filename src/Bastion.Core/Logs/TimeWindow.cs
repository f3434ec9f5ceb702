using System.Globalization;

namespace Bastion.Core.Logs;

/// <summary>A span of time asked for by a caller: from <see cref="Since"/> to <see cref="Until"/>, both inclusive, either open.</summary>
/// <param name="Since">The earliest moment (UTC), or null for no lower bound.</param>
/// <param name="Until">The latest moment (UTC), or null for no upper bound.</param>
public sealed record TimeWindow(DateTimeOffset? Since, DateTimeOffset? Until)
{
    /// <summary>What <see cref="Parse"/> accepts, for messages and tool descriptions.</summary>
    public const string Accepted = "Accepted: 'now', a time relative to now such as -30m, -24h, -7d (units s, m, h, d, w; at most ten years), or an ISO 8601 time such as 2026-12-06T03:00:00Z (no zone means UTC) or a date 2026-12-06.";

    private const long MaxRelativeSeconds = 3660L * 86400;

    /// <summary>True when <paramref name="moment"/> lies inside the window.</summary>
    public bool Contains(DateTimeOffset moment) => (Since is null || moment >= Since) && (Until is null || moment <= Until);

    /// <summary>True when neither bound is set.</summary>
    public bool IsOpen => Since is null && Until is null;

    /// <summary>The window from two caller-given bounds, each null or empty for open.</summary>
    /// <param name="since">The lower bound as text.</param>
    /// <param name="until">The upper bound as text.</param>
    /// <param name="now">The moment relative bounds count from.</param>
    /// <exception cref="BastionException">A bound does not parse, or since lies after until.</exception>
    public static TimeWindow Parse(string? since, string? until, DateTimeOffset now)
    {
        var from = Bound(since, "since", now);
        var to = Bound(until, "until", now);
        if (from is not null && to is not null && from > to)
        {
            throw new BastionException($"since ({from:u}) is after until ({to:u}); give a window whose start comes first.");
        }

        return new TimeWindow(from, to);
    }

    /// <summary>One bound: 'now', a relative offset, or an ISO 8601 time or date.</summary>
    /// <exception cref="BastionException">The text is none of those.</exception>
    public static DateTimeOffset? Bound(string? text, string parameter, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var t = text.Trim();
        if (t.Equals("now", StringComparison.OrdinalIgnoreCase))
        {
            return now.ToUniversalTime();
        }

        if (Relative(t) is { } offset)
        {
            return now.ToUniversalTime() + offset;
        }

        var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
        string[] formats = ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd HH:mmK", "yyyy-MM-dd"];
        if (DateTimeOffset.TryParseExact(t, formats, CultureInfo.InvariantCulture, styles, out var moment))
        {
            return moment;
        }

        throw new BastionException($"{parameter} '{Limits.Clip(t, 100)}' is not a time. {Accepted}");
    }

    private static TimeSpan? Relative(string t)
    {
        if (t.Length < 3 || t.Length > 12 || t[0] != '-' || !long.TryParse(t.AsSpan(1, t.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var seconds = char.ToLowerInvariant(t[^1]) switch
        {
            's' => n,
            'm' => n * 60,
            'h' => n * 3600,
            'd' => n * 86400,
            'w' => n * 7 * 86400,
            _ => -1,
        };
        return seconds < 0 || seconds > MaxRelativeSeconds ? null : TimeSpan.FromSeconds(-seconds);
    }
}
