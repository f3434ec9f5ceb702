using System.Globalization;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Alerts;

/// <summary>
/// Evaluates the alert rules after each collector tick, for the hosts of that tick, from the samples in the history
/// store. For a rule with window W = <see cref="AlertRule.For"/>, the samples from the latest one at or before now − W up
/// to now are combined by the rule's aggregate; no sample that old means the window is not covered yet, and nothing
/// changes. An alert fires when the aggregate meets the condition, and resolves only when no sample of the window meets
/// it any more, so a value hovering at the threshold does not flap: each change is one store write and one webhook
/// POST. W = 0 judges the latest sample alone. The metric <c>unreachable</c> is 1 for a tick the host did not answer
/// (unreachable or timed out) and 0 otherwise. An alert whose rule was deleted, or whose host left the rule's target,
/// resolves.
/// </summary>
public sealed partial class AlertEvaluator(
    AlertRules rules,
    IAlertStore alerts,
    IHistoryStore history,
    IInventory inventory,
    HistoryOptions options,
    AlertNotifier notifier,
    ILogger<AlertEvaluator> logger) : ITickObserver
{
    /// <inheritdoc/>
    public async Task ObserveAsync(IReadOnlyList<HostTick> ticks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticks);
        if (ticks.Count == 0)
        {
            return;
        }

        var now = ticks.Max(t => t.Time);
        var ticked = ticks.Select(t => t.Host).ToHashSet(StringComparer.Ordinal);
        var set = rules.Current().Rules;
        var firing = (await alerts.FiringAsync(cancellationToken)).ToDictionary(a => (a.Rule, a.Host));
        var watched = new HashSet<(string, string)>();
        foreach (var rule in set)
        {
            IReadOnlyList<Host> hosts;
            try
            {
                hosts = TargetSelector.Resolve(rule.Target, inventory.Hosts, int.MaxValue);
            }
            catch (BastionException e)
            {
                LogTargetUnresolved(logger, rule.Name, e.Message);
                continue;
            }

            foreach (var host in hosts.Where(h => ticked.Contains(h.Name)))
            {
                watched.Add((rule.Name, host.Name));
                var (covered, aggregate, anyMet) = await JudgeAsync(rule, host, now, cancellationToken);
                if (!covered)
                {
                    continue;
                }

                if (firing.TryGetValue((rule.Name, host.Name), out var open))
                {
                    if (!anyMet)
                    {
                        await ResolveAsync(rule, open, now, aggregate, cancellationToken);
                    }
                }
                else if (rule.Meets(aggregate))
                {
                    var fired = await alerts.FireAsync(
                        new AlertEvent(0, rule.Name, host.Name, rule.Severity, AlertEvent.Firing, MetricName(rule), Condition(rule), Math.Round(aggregate, 3), now, null, null),
                        cancellationToken);
                    LogFired(logger, rule.Name, host.Name, aggregate);
                    notifier.Notify(rule, fired);
                }
            }
        }

        // Alerts no rule watches any more (rule deleted, host out of its target) resolve; those of hosts that were not in
        // this tick (another collector's inventory, a host removed) are left alone unless their rule is gone.
        var byName = set.ToDictionary(r => r.Name, StringComparer.Ordinal);
        foreach (var open in firing.Values.Where(a => !watched.Contains((a.Rule, a.Host))))
        {
            var rule = byName.GetValueOrDefault(open.Rule);
            if (rule is null || ticked.Contains(open.Host))
            {
                await ResolveAsync(rule, open, now, null, cancellationToken);
            }
        }
    }

    private async Task ResolveAsync(AlertRule? rule, AlertEvent open, DateTimeOffset now, double? value, CancellationToken cancellationToken)
    {
        if (await alerts.ResolveAsync(open.Id, now, value is { } v ? Math.Round(v, 3) : null, cancellationToken) is { } resolved)
        {
            LogResolved(logger, open.Rule, open.Host);
            if (rule is not null)
            {
                notifier.Notify(rule, resolved);
            }
        }
    }

    /// <summary>Whether the window is covered, the aggregate over it, and whether any of its samples meets the condition.</summary>
    private async Task<(bool Covered, double Aggregate, bool AnyMet)> JudgeAsync(AlertRule rule, Host host, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var window = rule.Window;
        // The host's own interval (its group's, when the collector samples that group on one of its own).
        var interval = options.IntervalOf(host);
        // Look back one and a half intervals past the window's start, to find the sample that opens it.
        var from = now - window - interval * 1.5 - TimeSpan.FromSeconds(1);
        var to = now + TimeSpan.FromMilliseconds(1);
        List<(DateTimeOffset Time, double Value)> samples;
        if (rule.Metric == AlertMetrics.Unreachable)
        {
            samples = (await history.TicksAsync(host.Name, from, to, cancellationToken))
                .Select(t => (t.Time, t.Status is TickStatus.Unreachable or TickStatus.TimedOut ? 1.0 : 0.0)).ToList();
        }
        else
        {
            var (series, instance) = AlertMetrics.SeriesOf(rule.Metric);
            var found = await history.SeriesAsync(new SeriesQuery(host.Name, series, rule.Instance ?? instance, from, to, TimeSpan.FromSeconds(1)), cancellationToken);
            samples = found.SelectMany(s => s.Points).Select(p => (p.Time, p.Avg)).OrderBy(p => p.Time).ToList();
        }

        if (samples.Count == 0)
        {
            return (false, 0, false);
        }

        if (window == TimeSpan.Zero)
        {
            var last = samples[^1].Value;
            return (true, last, rule.Meets(last));
        }

        // The window opens at the latest sample at or before now - W.
        var start = now - window;
        var opening = samples.FindLastIndex(s => s.Time <= start);
        if (opening < 0)
        {
            return (false, 0, false);
        }

        var values = samples.Skip(opening).Select(s => s.Value).ToList();
        return (true, AlertMetrics.Combine(rule.Aggregate, values), values.Any(rule.Meets));
    }

    private static string MetricName(AlertRule rule)
    {
        if (rule.Metric == AlertMetrics.Unreachable)
        {
            return AlertMetrics.Unreachable;
        }

        var (series, instance) = AlertMetrics.SeriesOf(rule.Metric);
        var shown = rule.Instance ?? instance;
        return shown.Length > 0 ? $"{series}[{shown}]" : series;
    }

    private static string Condition(AlertRule rule) =>
        rule.Window == TimeSpan.Zero
            ? $"{rule.Comparison} {rule.Threshold.ToString(CultureInfo.InvariantCulture)}"
            : $"{rule.Aggregate} over {rule.For} {rule.Comparison} {rule.Threshold.ToString(CultureInfo.InvariantCulture)}";

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Rule} fired on {Host} (value {Value})")]
    private static partial void LogFired(ILogger logger, string rule, string host, double value);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {Rule} resolved on {Host}")]
    private static partial void LogResolved(ILogger logger, string rule, string host);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Alert rule {Rule} watches no host now: {Reason}")]
    private static partial void LogTargetUnresolved(ILogger logger, string rule, string reason);
}
