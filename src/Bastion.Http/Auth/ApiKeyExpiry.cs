using System.Globalization;
using Bastion.Core;

namespace Bastion.Http.Auth;

/// <summary>Reads the expiry of a new API key as <c>bastion keys create --expires</c> takes it.</summary>
public static class ApiKeyExpiry
{
    /// <summary>What is accepted, in words.</summary>
    public const string Accepted =
        "a duration from now in hours, days or weeks (12h, 30d, 4w), or a UTC date or time (2026-12-31, 2026-12-31T00:00:00Z, or with an offset such as +02:00)";

    /// <summary>The longest duration accepted: ten years.</summary>
    public static TimeSpan MaxDuration { get; } = TimeSpan.FromDays(3653);

    private static readonly string[] _timeFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mmK",
        "yyyy-MM-dd'T'HH:mm:ssK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>
    /// The time <paramref name="text"/> stands for, in UTC: <paramref name="now"/> plus a duration (<c>12h</c>,
    /// <c>30d</c>, <c>4w</c>; 1 hour to 10 years), or an ISO-8601 date (midnight UTC) or time, with <c>Z</c> or an offset.
    /// Whether the time is in the future is for <see cref="ApiKeyStore.CreateAsync"/> to check.
    /// </summary>
    /// <exception cref="BastionException"><paramref name="text"/> is neither; the message says what is accepted.</exception>
    public static DateTimeOffset Parse(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length >= 2 && char.IsAsciiLetterLower(trimmed[^1]) && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            TimeSpan? unit = trimmed[^1] switch
            {
                'h' => TimeSpan.FromHours(1),
                'd' => TimeSpan.FromDays(1),
                'w' => TimeSpan.FromDays(7),
                _ => null,
            };
            if (unit is { } step && count > 0 && count <= MaxDuration / step)
            {
                return (now + step * count).ToUniversalTime();
            }

            throw new BastionException($"--expires '{trimmed}' is not accepted: give {Accepted}; durations run from 1h to 10 years.");
        }

        if (DateTimeOffset.TryParseExact(trimmed, _timeFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        throw new BastionException($"--expires '{Shorten(trimmed)}' is not accepted: give {Accepted}.");
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
