using System.Globalization;
using Bastion.Core.Execution;

namespace Bastion.Core.History.Sysstat;

/// <summary>
/// The one script that reads a host's sysstat data for a window: which sadf is installed, then <c>sadf -j</c> over each
/// daily file that may hold the window (<c>saDD</c> and <c>saYYYYMMDD</c> in each directory; the day is the host's local
/// day, so the days around the window's UTC days are read too). sadf only reads the files. A selection older sysstat
/// versions lack (<c>-r ALL</c>, <c>-F MOUNT</c>, <c>-n EDEV</c>) falls back to the basic one.
/// </summary>
public static class SysstatScript
{
    /// <summary>What the full selection asks sadf for (sar options after <c>--</c>).</summary>
    public const string Full = "-u -r ALL -S -q -d -n DEV,EDEV -F MOUNT";

    /// <summary>The selection every sysstat since 10 knows.</summary>
    public const string Basic = "-u -r -S -q -d -n DEV";

    /// <summary>Section name of a data file's output: its index among the candidate files.</summary>
    public static string FileSection(int index) => "f" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The data files that may hold [from, to): per directory, per day from 14 hours before to 14 hours after.</summary>
    public static IReadOnlyList<string> Files(IReadOnlyList<string> directories, DateTimeOffset from, DateTimeOffset to)
    {
        ArgumentNullException.ThrowIfNull(directories);
        var days = new List<DateOnly>();
        for (var day = DateOnly.FromDateTime(from.UtcDateTime.AddHours(-14)); day <= DateOnly.FromDateTime(to.UtcDateTime.AddHours(14)); day = day.AddDays(1))
        {
            days.Add(day);
        }

        return directories
            .SelectMany(d => days.SelectMany(day => new[]
            {
                $"{d.TrimEnd('/')}/sa{day:dd}",
                $"{d.TrimEnd('/')}/sa{day:yyyyMMdd}",
            }))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The script; the files reach it as arguments, never spliced into its text.</summary>
    public static string Text(int files)
    {
        var script = new ScriptSections().Add("version", "command -v sadf >/dev/null && sadf -V 2>&1 | head -n 1");
        for (var i = 0; i < files; i++)
        {
            var file = "\"$" + (i + 1).ToString(CultureInfo.InvariantCulture) + "\"";
            script.Add(FileSection(i), $"if [ -r {file} ]; then sadf -j {file} -- {Full} || sadf -j {file} -- {Basic} 2>&1; else (exit 3); fi");
        }

        return script.ToString();
    }

    /// <summary>Runs the script on the runner's host.</summary>
    /// <returns>The sections of its output by name (<c>version</c>, then one per file).</returns>
    /// <exception cref="HostTimeoutException">The host did not answer within <paramref name="timeout"/>.</exception>
    /// <exception cref="HostUnreachableException">The host could not be reached.</exception>
    public static async Task<IReadOnlyDictionary<string, ScriptSection>> RunAsync(IHostRunner runner, IReadOnlyList<string> files, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(files);
        var request = CommandRequest.Facts(Text(files.Count), files) with { Timeout = timeout, MaxOutputBytes = 64 * 1024 * 1024 };
        var result = await runner.RunWithinTimeoutAsync(request, "reading sysstat data", cancellationToken);
        try
        {
            return ScriptSections.Parse(result.Stdout);
        }
        catch (FormatException e)
        {
            throw new BastionException($"Host '{runner.HostName}': {e.Message}", e);
        }
    }
}
