using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Bastion.Core.Linux;

/// <summary>One service known to the init system.</summary>
public sealed partial record ServiceUnit(
    [property: Description("Unit or service name, e.g. nginx.service (systemd) or sshd (OpenRC).")] string Name,
    [property: Description("systemd LOAD state (loaded, not-found, masked); null for OpenRC.")] string? Load,
    [property: Description("systemd ACTIVE state (active, inactive, failed, …) or OpenRC status (started, stopped, crashed, …).")] string Active,
    [property: Description("systemd SUB state (running, exited, dead, …); null for OpenRC.")] string? Sub,
    [property: Description("Unit description; null for OpenRC.")] string? Description,
    [property: Description("OpenRC runlevel the service is in; null for systemd.")] string? Runlevel)
{
    /// <summary>The <c>systemctl</c> arguments whose output <see cref="ParseSystemctl"/> reads.</summary>
    public const string SystemctlArguments = "list-units --type=service --all --no-legend --no-pager --plain";

    /// <summary>Parses <c>systemctl <see cref="SystemctlArguments"/></c>: <c>ssh.service loaded active running OpenBSD Secure Shell server</c>.</summary>
    /// <exception cref="FormatException">A line with fewer than 4 fields.</exception>
    public static IReadOnlyList<ServiceUnit> ParseSystemctl(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<ServiceUnit>();
        foreach (var raw in ParseText.Lines(text))
        {
            var line = raw.TrimStart('●', '*', ' ');
            var f = ParseText.Fields(line);
            if (f.Length < 4)
            {
                throw new FormatException($"systemctl list-units: expected 'unit load active sub description', got '{ParseText.Clip(raw)}'.");
            }

            var description = f.Length > 4 ? ParseText.Rest(line, 4) : null;
            result.Add(new ServiceUnit(f[0], f[1], f[2], f[3], description, null));
        }

        return result;
    }

    /// <summary>Parses OpenRC's <c>rc-status --all</c>: <c>Runlevel: default</c> headings, then <c> sshd  [  started  ]</c> lines.</summary>
    public static IReadOnlyList<ServiceUnit> ParseOpenRc(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<ServiceUnit>();
        string? runlevel = null;
        foreach (var raw in text.Split('\n'))
        {
            var line = AnsiEscape().Replace(raw, string.Empty);
            if (OpenRcRunlevel().Match(line) is { Success: true } heading)
            {
                runlevel = heading.Groups[1].Value.Trim();
            }
            else if (OpenRcService().Match(line) is { Success: true } service)
            {
                result.Add(new ServiceUnit(service.Groups[1].Value, null, service.Groups[2].Value.Trim(), null, null, runlevel));
            }
        }

        return result;
    }

    [GeneratedRegex(@"\x1b\[[0-9;]*m")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"^\s*(?:Dynamic )?Runlevel:\s*(.+)$")]
    private static partial Regex OpenRcRunlevel();

    [GeneratedRegex(@"^\s+(\S+)\s+\[\s*([^\]]+?)\s*\]")]
    private static partial Regex OpenRcService();
}
