using System.ComponentModel;
using System.Text.RegularExpressions;

namespace Bastion.Core.Linux;

/// <summary>One installed package.</summary>
public sealed partial record InstalledPackage(
    [property: Description("Package name.")] string Name,
    [property: Description("Version as the package manager prints it (dpkg: [epoch:]upstream-revision; rpm: version-release; apk: version-rN).")] string Version,
    [property: Description("Architecture, e.g. amd64, x86_64, noarch, all.")] string? Architecture,
    [property: Description("Installed size in bytes, when the manager reports it (dpkg reports KiB, converted).")] long? InstalledSizeBytes)
{
    /// <summary>The <c>dpkg-query -W -f=…</c> format string that <see cref="ParseDpkg"/> reads.</summary>
    public const string DpkgFormat = @"${binary:Package}\t${Version}\t${Architecture}\t${db:Status-Abbrev}\t${Installed-Size}\n";

    /// <summary>The <c>rpm -qa --qf …</c> format string that <see cref="ParseRpm"/> reads.</summary>
    public const string RpmFormat = @"%{NAME}\t%{VERSION}-%{RELEASE}\t%{ARCH}\t%{SIZE}\n";

    /// <summary>Parses <c>dpkg-query -W -f=<see cref="DpkgFormat"/></c>; packages not in state "installed" (<c>ii</c>, <c>hi</c>) are skipped.</summary>
    /// <exception cref="FormatException">A line without the five tab-separated fields.</exception>
    public static IReadOnlyList<InstalledPackage> ParseDpkg(string text) =>
        Tabbed(text, "dpkg-query", 5)
            .Where(f => f[3].Length >= 2 && f[3][1] == 'i')
            .Select(f => new InstalledPackage(StripArch(f[0]), f[1], f[2], ParseText.LongOrNull(f[4]) * 1024))
            .ToList();

    /// <summary>Parses <c>rpm -qa --qf <see cref="RpmFormat"/></c> (the <c>gpg-pubkey</c> pseudo-packages are skipped).</summary>
    /// <exception cref="FormatException">A line without the four tab-separated fields.</exception>
    public static IReadOnlyList<InstalledPackage> ParseRpm(string text) =>
        Tabbed(text, "rpm -qa", 4)
            .Where(f => f[0] != "gpg-pubkey")
            .Select(f => new InstalledPackage(f[0], f[1], f[2] == "(none)" ? null : f[2], ParseText.LongOrNull(f[3])))
            .ToList();

    /// <summary>Parses Alpine's <c>apk list --installed</c>: <c>musl-1.2.5-r0 x86_64 {musl} (MIT) [installed]</c>.</summary>
    /// <exception cref="FormatException">A line whose first word is not <c>name-version-rN</c>.</exception>
    public static IReadOnlyList<InstalledPackage> ParseApk(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<InstalledPackage>();
        foreach (var line in ParseText.Lines(text))
        {
            if (line.StartsWith("WARNING", StringComparison.Ordinal))
            {
                continue;
            }

            var f = ParseText.Fields(line);
            var m = ApkNameVersion().Match(f[0]);
            if (!m.Success)
            {
                throw new FormatException($"apk list: expected 'name-version-rN arch …', got '{ParseText.Clip(line)}'.");
            }

            result.Add(new InstalledPackage(m.Groups[1].Value, m.Groups[2].Value, f.Length > 1 ? f[1] : null, null));
        }

        return result;
    }

    private static IEnumerable<string[]> Tabbed(string text, string source, int fields)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var line in text.Split('\n'))
        {
            if (line.Trim().Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            yield return f.Length >= fields
                ? f
                : throw new FormatException($"{source}: expected {fields} tab-separated fields, got {f.Length}: '{ParseText.Clip(line)}'.");
        }
    }

    private static string StripArch(string name)
    {
        var colon = name.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 ? name[..colon] : name;
    }

    // name, then the version: the last "-" followed by a digit before the "-rN" release suffix.
    [GeneratedRegex(@"^(.+?)-(\d[^-]*-r\d+)$")]
    private static partial Regex ApkNameVersion();
}
