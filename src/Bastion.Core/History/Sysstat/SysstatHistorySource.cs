using System.Collections.Concurrent;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Core.History.Sysstat;

/// <summary>
/// History that predates Bastion on local and SSH hosts: the sar data sysstat keeps (<see cref="HistoryOptions.SysstatDirectories"/>),
/// read with <c>sadf -j</c> in one round trip over the host's runner (<see cref="SysstatScript"/>), parsed by
/// <see cref="SadfJson"/>. Reads only. A host without sysstat, or without data files for the window, gives a note, and
/// that answer is remembered for <see cref="NoDataMemory"/> (per host; per host and set of candidate files for "no data
/// files"): a ranking of many hosts asks every host the store leaves uncovered (the local host, typically) on each call,
/// and starting sadf there each time cost about a tenth of a warm <c>metrics_top</c>. Installing sysstat, or its first
/// daily file appearing, shows within that time.
/// </summary>
public sealed class SysstatHistorySource(IRunnerProvider runners, HistoryOptions options, TimeProvider clock) : IHistorySource
{
    /// <summary>The name of this source.</summary>
    public const string SourceName = "sysstat";

    /// <summary>Longest window read from sysstat (its files rotate after at most a month).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    /// <summary>How long a host's "no sysstat" or "no data files" answer is reused before the host is asked again.</summary>
    public static readonly TimeSpan NoDataMemory = TimeSpan.FromMinutes(5);

    /// <summary>Remembered "nothing here" answers: key (host, or host and files) → until when, and the note.</summary>
    private readonly ConcurrentDictionary<string, (DateTimeOffset Until, string Note)> _nothing = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public string Name => SourceName;

    /// <inheritdoc/>
    public bool Serves(Host host) => host is { Kind: HostKind.Local or HostKind.Ssh } && options.SysstatDirectories.Count > 0;

    /// <inheritdoc/>
    public async Task<SourceReading> ReadAsync(Host host, SourceQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(query);
        var clipped = query.To - query.From > MaxWindow ? query with { From = query.To - MaxWindow } : query;
        var files = SysstatScript.Files(options.SysstatDirectories, clipped.From, clipped.To);
        var (hostKey, filesKey) = (host.Name, host.Name + "\n" + string.Join('\n', files));
        var now = clock.GetUtcNow();
        foreach (var key in new[] { hostKey, filesKey })
        {
            if (_nothing.TryGetValue(key, out var known) && known.Until > now)
            {
                return SourceReading.Nothing(known.Note);
            }
        }

        var sections = await SysstatScript.RunAsync(runners.For(host), files, options.HostTimeout, cancellationToken);
        if (!sections.TryGetValue("version", out var version) || version.ExitCode != 0)
        {
            return Remember(hostKey, "sysstat is not installed (no sadf on the host).", now);
        }

        var samples = new List<SarSample>();
        var problems = new List<string>();
        var read = 0;
        for (var i = 0; i < files.Count; i++)
        {
            if (!sections.TryGetValue(SysstatScript.FileSection(i), out var section) || section.ExitCode == 3)
            {
                continue;
            }

            read++;
            try
            {
                samples.AddRange(SadfJson.Parse(section.Text));
            }
            catch (FormatException)
            {
                problems.Add($"{files[i]}: {Limits.Clip(Limits.FirstLine(section.Text), 160)}");
            }
        }

        if (read == 0)
        {
            return Remember(filesKey, $"{version.Text.Trim()} is installed but keeps no data files for this window in {string.Join(" or ", options.SysstatDirectories)}.", now);
        }

        var interval = samples.Count > 0 ? TimeSpan.FromSeconds(Math.Max(1, samples.Max(s => s.IntervalSeconds))) : TimeSpan.FromMinutes(10);
        var note = problems.Count > 0 ? "sadf could not read " + string.Join("; ", problems.Take(3)) : null;
        if (clipped != query)
        {
            note = (note is null ? string.Empty : note + " ") + $"sysstat was read for the last {MaxWindow.TotalDays:0} days of the window only.";
        }

        return SourceReading.FromSamples(samples.Select(s => (s.Time, s.Values)).DistinctBy(s => s.Time), clipped, interval, note);
    }

    /// <summary>Keeps a "nothing here" answer for <see cref="NoDataMemory"/> (dropping the expired ones) and returns it.</summary>
    private SourceReading Remember(string key, string note, DateTimeOffset now)
    {
        foreach (var expired in _nothing.Where(n => n.Value.Until <= now).Select(n => n.Key).ToList())
        {
            _nothing.TryRemove(expired, out _);
        }

        _nothing[key] = (now + NoDataMemory, note);
        return SourceReading.Nothing(note);
    }
}
