using Bastion.Core.FanOut;
using Bastion.Core.History;
using Bastion.Core.Inventory;

namespace Bastion.Core.Alerts;

/// <summary>Answers alert questions from the store and the rules file; reads only, from any process.</summary>
public sealed class AlertReader(IAlertStore store, AlertRules rules, IInventory inventory, FanOutOptions fanOut, TimeProvider clock)
{
    /// <summary>Most alerts one answer carries.</summary>
    public const int MaxAlerts = 200;

    /// <summary>The alerts of <paramref name="target"/>'s hosts in <paramref name="state"/> since <paramref name="since"/>.</summary>
    /// <exception cref="BastionException">A bad state, time or target.</exception>
    public async Task<AlertsAnswer> ListAsync(string state, string? since, string target, int limit, CancellationToken cancellationToken)
    {
        var asked = (state ?? string.Empty).Trim().ToLowerInvariant();
        if (asked is not (AlertEvent.Firing or AlertEvent.Resolved or "all"))
        {
            throw new BastionException($"state '{Limits.Clip(state ?? string.Empty, 40)}' is not known. Accepted: firing, resolved, all.");
        }

        DateTimeOffset? from = string.IsNullOrWhiteSpace(since) ? null : HistoryTime.Parse(since, clock.GetUtcNow(), "since");
        var hosts = target.Trim() == "all" ? null : TargetSelector.Resolve(target, inventory.Hosts, fanOut.MaxHosts).Select(h => h.Name).ToList();
        limit = Math.Clamp(limit, 1, MaxAlerts);
        var page = await store.ListAsync(new AlertQuery(asked, from, hosts, limit), cancellationToken);
        var firing = asked == AlertEvent.Firing && from is null
            ? page.Total
            : (await store.ListAsync(new AlertQuery(AlertEvent.Firing, null, hosts, 1), cancellationToken)).Total;
        var notes = new List<string>();
        if (Limits.CutNote(page.Alerts.Count, page.Total, "alerts") is { } cut)
        {
            notes.Add(cut);
        }

        if (page.Total == 0 && rules.Current() is { } set)
        {
            notes.Add(set.Problem is { } problem
                ? $"No alerts. The rules file was refused: {problem}"
                : $"No alerts. {set.Rules.Count} rules are in force ({set.Source}); they are evaluated by the collector after each tick (bastion serve runs one; bastion collect runs one alone).");
        }

        return new AlertsAnswer(page.Alerts, page.Total, page.Alerts.Count < page.Total, firing, notes);
    }

    /// <summary>The rules in force, webhooks hidden.</summary>
    public AlertRulesAnswer Rules(string? change = null)
    {
        var set = rules.Current();
        return new AlertRulesAnswer(set.Rules.Select(r => r.Redacted()).ToList(), set.Source, rules.FilePath, set.Problem, change);
    }
}
