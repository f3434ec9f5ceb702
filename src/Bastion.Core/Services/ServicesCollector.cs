using Bastion.Core.Execution;
using Bastion.Core.Linux;

namespace Bastion.Core.Services;

/// <summary>Lists services through systemd when it runs (<c>/run/systemd/system</c> exists), else OpenRC.</summary>
public static class ServicesCollector
{
    private static readonly string Script = new ScriptSections()
        .Add("systemd", "[ -d /run/systemd/system ] && echo yes")
        .Add("units", $"[ -d /run/systemd/system ] && systemctl {ServiceUnit.SystemctlArguments}")
        .Add("openrc", "[ -d /run/systemd/system ] || rc-status --all")
        .ToString();

    /// <summary>
    /// Services whose name contains <paramref name="filter"/> and whose state equals <paramref name="state"/>
    /// (systemd ACTIVE or SUB, e.g. failed, running; OpenRC status, e.g. started). Null filters match all.
    /// Where no service manager runs, the list is empty and the note says why.
    /// </summary>
    public static async Task<ServiceList> CollectAsync(IHostRunner runner, string? filter, string? state, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var facts = await runner.ReadFactsAsync(Script, cancellationToken);
        string? manager;
        IReadOnlyList<ServiceUnit> services;
        if (facts.Optional("systemd") is not null)
        {
            (manager, services) = ("systemd", facts.TryParse("units", "systemctl list-units", ServiceUnit.ParseSystemctl) ?? []);
        }
        else if (facts.TryParse("openrc", "rc-status", ServiceUnit.ParseOpenRc) is { Count: > 0 } openrc)
        {
            (manager, services) = ("openrc", openrc);
        }
        else
        {
            return new ServiceList(runner.HostName, null, 0, [], false,
                "systemd is not running on this host, and OpenRC was not found; services cannot be listed here.");
        }

        var matching = services
            .Where(s => string.IsNullOrEmpty(filter) || s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            .Where(s => string.IsNullOrEmpty(state)
                || string.Equals(s.Active, state, StringComparison.OrdinalIgnoreCase)
                || string.Equals(s.Sub, state, StringComparison.OrdinalIgnoreCase))
            .OrderBy(s => s.Name, StringComparer.Ordinal);
        var (items, total, truncated) = Limits.Take(matching, limit);
        return new ServiceList(runner.HostName, manager, total, items, truncated, Limits.CutNote(items.Count, total, "services"));
    }
}
