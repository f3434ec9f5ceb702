namespace Bastion.Core.History;

/// <summary>How often hosts are sampled and how long their history is kept.</summary>
public sealed record HistoryOptions
{
    /// <summary>The environment variable that sets <see cref="Interval"/> in seconds (for tests and containers); the <c>--collect-interval</c> flag wins.</summary>
    public const string IntervalVariable = "BASTION_COLLECT_INTERVAL";

    /// <summary>Width of one rollup bucket (5 minutes).</summary>
    public static readonly TimeSpan RollupBucket = TimeSpan.FromMinutes(5);

    /// <summary>Time between two ticks (default 60 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Intervals of their own for the hosts of some inventory groups (group name → time between two ticks), e.g.
    /// <c>db=15s</c> samples the hosts of group db every 15 s while the others keep <see cref="Interval"/>. A host in
    /// several such groups takes the shortest. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> GroupIntervals { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);

    /// <summary>The shortest interval any host is sampled on (the store records it, so readers can tell gaps from spacing).</summary>
    public TimeSpan ShortestInterval => GroupIntervals.Values.Append(Interval).Min();

    /// <summary>The interval <paramref name="host"/> is sampled on: its groups' shortest override, else <see cref="Interval"/>.</summary>
    public TimeSpan IntervalOf(Inventory.Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        TimeSpan? shortest = null;
        foreach (var group in host.Groups)
        {
            if (GroupIntervals.TryGetValue(group, out var own) && (shortest is null || own < shortest))
            {
                shortest = own;
            }
        }

        return shortest ?? Interval;
    }

    /// <summary>Parses group interval overrides written <c>GROUP=DURATION</c> (e.g. <c>db=15s</c>, <c>batch=5m</c>).</summary>
    /// <exception cref="BastionException">An entry without <c>=</c>, an empty group, or a duration that is not one (or under 1 s).</exception>
    public static IReadOnlyDictionary<string, TimeSpan> ParseGroupIntervals(IEnumerable<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var result = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        foreach (var entry in entries.SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            var cut = entry.IndexOf('=', StringComparison.Ordinal);
            var group = cut > 0 ? entry[..cut].Trim().TrimStart('@') : string.Empty;
            var interval = cut > 0 ? HistoryTime.Duration(entry[(cut + 1)..].Trim()) : null;
            if (group.Length == 0 || interval is not { } span || span < TimeSpan.FromSeconds(1))
            {
                throw new BastionException($"group interval '{Limits.Clip(entry, 60)}' is not GROUP=DURATION. Accepted: a group name, '=', and a duration of at least 1s with s, m, h or d, e.g. db=15s or batch=5m.");
            }

            result[group] = span;
        }

        return result;
    }

    /// <summary>How long raw samples are kept (default 7 days).</summary>
    public TimeSpan RawRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long 5-minute rollups (min, avg, max), tick statuses and process tops are kept (default 90 days).</summary>
    public TimeSpan RollupRetention { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Time between two maintenance passes (rollups and pruning; default 5 minutes).</summary>
    public TimeSpan MaintenanceInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Where hosts keep sysstat's daily data files (<c>saDD</c>, <c>saYYYYMMDD</c>), searched in order: Debian and
    /// Ubuntu use /var/log/sysstat, Red Hat and SUSE /var/log/sa.</summary>
    public IReadOnlyList<string> SysstatDirectories { get; init; } = ["/var/log/sysstat", "/var/log/sa"];

    /// <summary>Time one host may take to answer a tick: the interval, but at least 10 s (a fresh SSH connection on a busy
    /// machine) and at most 30 s. A slow host delays the next tick rather than overlapping it.</summary>
    public TimeSpan HostTimeout => TimeSpan.FromSeconds(Math.Clamp(Interval.TotalSeconds, 10, 30));

    /// <summary>The interval from <see cref="IntervalVariable"/> when it holds a number of seconds, else null.</summary>
    public static TimeSpan? IntervalFromEnvironment() =>
        double.TryParse(Environment.GetEnvironmentVariable(IntervalVariable), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var s) && s > 0
            ? TimeSpan.FromSeconds(s)
            : null;
}
