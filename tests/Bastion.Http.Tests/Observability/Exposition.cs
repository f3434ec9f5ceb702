using System.Globalization;

namespace Bastion.Http.Tests.Observability;

/// <summary>Reads samples back from the Prometheus text format.</summary>
internal static class Exposition
{
    /// <summary>The value of the sample <paramref name="series"/> (name and labels exactly as written), or 0 when it is absent.</summary>
    public static double Value(string text, string series)
    {
        var line = Lines(text).SingleOrDefault(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
    }

    public static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
