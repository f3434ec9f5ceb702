namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>
/// The fields of an Alpacon alert rule a caller sets: all of them on create, only those given (not null) on update.
/// </summary>
/// <param name="Name">The rule's name.</param>
/// <param name="MetricType">The metric watched, as Alpacon names it (cpu, memory, disk…).</param>
/// <param name="Condition">How the metric compares with the threshold.</param>
/// <param name="Threshold">The threshold in the metric's unit (percent 0–100 for usage metrics).</param>
/// <param name="Description">What the rule is for.</param>
/// <param name="Enabled">Whether the rule is active.</param>
internal sealed record AlertRuleFields(string? Name, string? MetricType, AlertCondition? Condition, double? Threshold, string? Description, bool? Enabled)
{
    /// <summary>The JSON body Alpacon takes: the given fields under Alpacon's names, plus <paramref name="servers"/> when set.</summary>
    public Dictionary<string, object> Body(IReadOnlyList<string>? servers)
    {
        var body = new Dictionary<string, object>();
        void Set(string key, object? value)
        {
            if (value is not null)
            {
                body[key] = value;
            }
        }

        Set("name", Name);
        Set("metric_type", MetricType);
        Set("condition", Condition?.ToString().ToLowerInvariant());
        Set("threshold", Threshold);
        Set("servers", servers);
        Set("description", Description);
        Set("enabled", Enabled);
        return body;
    }
}
