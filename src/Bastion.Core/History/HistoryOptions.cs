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
