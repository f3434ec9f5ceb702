using System.Globalization;
using Bastion.Core;

namespace Bastion.Http.RateLimiting;

/// <summary>A request rate: <see cref="Requests"/> per <see cref="Window"/>, e.g. 90 per minute.</summary>
public readonly record struct RateSpec(int Requests, TimeSpan Window)
{
    /// <summary>What <see cref="Parse"/> accepts, in words.</summary>
    public const string Syntax = "N/min, N/s, N/h, N/<seconds>s (e.g. 90/min, 5/2s) or off";

    /// <summary>90 requests per minute.</summary>
    public static RateSpec Default { get; } = new(90, TimeSpan.FromMinutes(1));

    /// <summary>Parses <c>90/min</c>, <c>10/s</c>, <c>1000/h</c>, <c>5/2s</c>, or a bare number (per minute); null for <c>off</c>.</summary>
    /// <exception cref="BastionException">Anything else; the message gives the accepted forms.</exception>
    public static RateSpec? Parse(string text, string option)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim().ToLowerInvariant();
        if (value is "off" or "none" or "0")
        {
            return null;
        }

        var parts = value.Split('/', 2);
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var requests) || requests < 1)
        {
            throw Invalid(text, option);
        }

        var window = parts.Length == 1 ? "min" : parts[1];
        TimeSpan? span = window switch
        {
            "s" or "sec" or "second" => TimeSpan.FromSeconds(1),
            "m" or "min" or "minute" => TimeSpan.FromMinutes(1),
            "h" or "hour" => TimeSpan.FromHours(1),
            _ when window.EndsWith('s') && double.TryParse(window[..^1], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
                => TimeSpan.FromSeconds(seconds),
            _ => null,
        };
        return span is { } w ? new RateSpec(requests, w) : throw Invalid(text, option);
    }

    private static BastionException Invalid(string text, string option) =>
        new($"{option} '{text}' is not a rate. Accepted: {Syntax}.");

    /// <inheritdoc/>
    public override string ToString() => Window == TimeSpan.FromMinutes(1) ? $"{Requests}/min" : $"{Requests}/{Window.TotalSeconds:0.###}s";
}
