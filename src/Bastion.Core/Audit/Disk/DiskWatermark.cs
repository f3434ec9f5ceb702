using System.Globalization;

namespace Bastion.Core.Audit.Disk;

/// <summary>
/// A free-space threshold of the file system that holds the audit log: a share of its size (<c>5%</c>) or a number of
/// bytes (<c>512M</c>). Free space under it crosses the watermark.
/// </summary>
public sealed record DiskWatermark(double? Percent, long? Bytes)
{
    /// <summary>The threshold in bytes on a file system of <paramref name="totalBytes"/> bytes.</summary>
    public long ThresholdBytes(long totalBytes) =>
        Bytes ?? (long)Math.Ceiling(totalBytes * (Percent ?? 0) / 100.0);

    /// <summary>The watermark as it is written in configuration: <c>5%</c> or a number of bytes.</summary>
    public override string ToString() =>
        Percent is { } p ? p.ToString("0.##", CultureInfo.InvariantCulture) + "%" : (Bytes ?? 0).ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <c>N%</c> (0 &lt; N &lt; 100), bytes, a size with K, M or G, or <c>off</c> (null) from the variable
    /// <paramref name="variable"/>.
    /// </summary>
    /// <exception cref="BastionException">The text is none of those; the message says what is accepted.</exception>
    public static DiskWatermark? Parse(string text, string variable)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        if (text.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (text.EndsWith('%')
            && double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent)
            && percent > 0 && percent < 100)
        {
            return new DiskWatermark(percent, null);
        }

        if (text.Length > 0)
        {
            var (digits, factor) = char.ToUpperInvariant(text[^1]) switch
            {
                'K' => (text[..^1], 1024L),
                'M' => (text[..^1], 1024L * 1024),
                'G' => (text[..^1], 1024L * 1024 * 1024),
                _ => (text, 1L),
            };
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 && n <= long.MaxValue / factor)
            {
                return new DiskWatermark(null, n * factor);
            }
        }

        throw new BastionException($"{variable} '{text}' is not a free-space watermark. Accepted: a share of the file system such as 5% (over 0, under 100), bytes or a size with K, M or G (e.g. 512M, 2G), or off.");
    }
}
