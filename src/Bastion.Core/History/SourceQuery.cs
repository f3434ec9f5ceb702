namespace Bastion.Core.History;

/// <summary>What <see cref="IHistorySource.ReadAsync"/> is asked for.</summary>
/// <param name="Metrics">Families with their dot (<c>cpu.</c>) or whole series names (<c>cpu.busy_percent</c>); a series
/// is wanted when its name starts with one of them.</param>
/// <param name="Instance">Only this instance (mount point, interface, device, <c>*</c>); null for all.</param>
/// <param name="From">Start of the window, inclusive, UTC.</param>
/// <param name="To">End of the window, exclusive, UTC.</param>
/// <param name="Step">Width of one point: points start at multiples of the step since the Unix epoch.</param>
public sealed record SourceQuery(IReadOnlyList<string> Metrics, string? Instance, DateTimeOffset From, DateTimeOffset To, TimeSpan Step)
{
    /// <summary>True when the series <paramref name="metric"/>/<paramref name="instance"/> is asked for.</summary>
    public bool Wants(string metric, string instance) =>
        Metrics.Any(m => metric.StartsWith(m, StringComparison.Ordinal)) && (Instance is null || Instance == instance);

    /// <summary>True when some series of <paramref name="family"/> (e.g. <c>cpu</c>) may be asked for.</summary>
    public bool WantsFamily(string family) =>
        Metrics.Any(m => m.StartsWith(family + ".", StringComparison.Ordinal));

    /// <summary>Start of the step that holds <paramref name="time"/>.</summary>
    public DateTimeOffset Bucket(DateTimeOffset time)
    {
        var step = Math.Max(1000, (long)Step.TotalMilliseconds);
        return DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds() / step * step);
    }
}
