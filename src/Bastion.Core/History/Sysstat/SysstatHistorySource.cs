using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Core.History.Sysstat;

/// <summary>
/// History that predates Bastion on local and SSH hosts: the sar data sysstat keeps (<see cref="HistoryOptions.SysstatDirectories"/>),
/// read with <c>sadf -j</c> in one round trip over the host's runner (<see cref="SysstatScript"/>), parsed by
/// <see cref="SadfJson"/>. Reads only. A host without sysstat, or without data files for the window, gives a note.
/// </summary>
public sealed class SysstatHistorySource(IRunnerProvider runners, HistoryOptions options) : IHistorySource
{
    /// <summary>The name of this source.</summary>
    public const string SourceName = "sysstat";

    /// <summary>Longest window read from sysstat (its files rotate after at most a month).</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

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
        var sections = await SysstatScript.RunAsync(runners.For(host), files, options.HostTimeout, cancellationToken);
        if (!sections.TryGetValue("version", out var version) || version.ExitCode != 0)
        {
            return SourceReading.Nothing("sysstat is not installed (no sadf on the host).");
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
            return SourceReading.Nothing($"{version.Text.Trim()} is installed but keeps no data files for this window in {string.Join(" or ", options.SysstatDirectories)}.");
        }

        var interval = samples.Count > 0 ? TimeSpan.FromSeconds(Math.Max(1, samples.Max(s => s.IntervalSeconds))) : TimeSpan.FromMinutes(10);
        var note = problems.Count > 0 ? "sadf could not read " + string.Join("; ", problems.Take(3)) : null;
        if (clipped != query)
        {
            note = (note is null ? string.Empty : note + " ") + $"sysstat was read for the last {MaxWindow.TotalDays:0} days of the window only.";
        }

        return SourceReading.FromSamples(samples.Select(s => (s.Time, s.Values)).DistinctBy(s => s.Time), clipped, interval, note);
    }
}
