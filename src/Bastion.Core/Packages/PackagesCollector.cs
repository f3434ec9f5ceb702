using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Packages;

/// <summary>Lists installed packages through whichever of dpkg, rpm and apk the host has (in that order).</summary>
public static class PackagesCollector
{
    private static readonly string Script = new ScriptSections()
        .Add("dpkg", $"dpkg-query -W -f='{InstalledPackage.DpkgFormat}'")
        .Add("rpm", $"command -v dpkg-query >/dev/null || rpm -qa --qf '{InstalledPackage.RpmFormat}'")
        .Add("apk", "command -v dpkg-query >/dev/null || command -v rpm >/dev/null || apk list --installed")
        .ToString();

    /// <summary>Packages whose name contains <paramref name="filter"/> (case-insensitive; null: all), by name.</summary>
    public static async Task<PackageList> CollectAsync(IHostRunner runner, string? filter, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken);
        var (manager, packages) =
            facts.TryParse("dpkg", "dpkg-query", InstalledPackage.ParseDpkg) is { } dpkg ? ("dpkg", dpkg)
            : facts.TryParse("rpm", "rpm -qa", InstalledPackage.ParseRpm) is { } rpm ? ("rpm", rpm)
            : facts.TryParse("apk", "apk list", InstalledPackage.ParseApk) is { } apk ? ("apk", apk)
            : ((string?)null, (IReadOnlyList<InstalledPackage>)[]);

        var matching = packages
            .Where(p => string.IsNullOrEmpty(filter) || p.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .OrderBy(p => p.Name, StringComparer.Ordinal);
        var (items, total, truncated) = Limits.Take(matching, limit);
        var note = manager is null
            ? "No package manager found on this host (looked for dpkg-query, rpm and apk)."
            : Limits.CutNote(items.Count, total, "packages");
        return new PackageList(runner.HostName, manager, packages.Count, total, items, truncated, note);
    }
}
