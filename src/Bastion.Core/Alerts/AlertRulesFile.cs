using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Core.History;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using System.Text.Json.Serialization.Metadata;

namespace Bastion.Core.Alerts;

/// <summary>
/// Reads, checks and writes <c>alerts.yaml</c>: a mapping with one key, <c>rules</c>, a list of mappings with the keys
/// name, target, metric, instance, aggregate, for, comparison, threshold, severity, webhook (see <see cref="AlertRule"/>).
/// Defaults: target all, aggregate avg, for 0s, comparison &gt;=, severity warning.
/// </summary>
public static partial class AlertRulesFile
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "alerts.yaml";

    /// <summary>Most rules one file may hold.</summary>
    public const int MaxRules = 200;

    private static readonly JsonSerializerOptions QuoteOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = CommonJson.Default };

    private static readonly string[] Keys = ["name", "target", "metric", "instance", "aggregate", "for", "comparison", "threshold", "severity", "webhook"];

    /// <summary>Parses and checks the text of a rules file.</summary>
    /// <exception cref="BastionException">The YAML does not parse or a rule is invalid; the message says where, what was
    /// wrong and what is accepted.</exception>
    public static IReadOnlyList<AlertRule> Parse(string yaml, string source)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new BastionException($"{source}: not valid YAML at line {e.Start.Line}: {e.Message}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return [];
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new BastionException($"{source}: expected a mapping with the key 'rules' (a list of rules).");
        }

        var problems = new List<string>();
        foreach (var key in root.Children.Keys.Select(Scalar).Where(k => k != "rules"))
        {
            problems.Add($"unknown key '{Limits.Clip(key ?? string.Empty, 40)}' at the top; accepted: rules");
        }

        var rules = new List<AlertRule>();
        if (root.Children.TryGetValue(new YamlScalarNode("rules"), out var list))
        {
            if (list is not YamlSequenceNode items)
            {
                throw new BastionException($"{source}: 'rules' must be a list of rules (line {list.Start.Line}).");
            }

            var index = 0;
            foreach (var item in items)
            {
                index++;
                if (item is not YamlMappingNode map)
                {
                    problems.Add($"rule {index} (line {item.Start.Line}) is not a mapping of name, metric, threshold, …");
                    continue;
                }

                var values = new Dictionary<string, string?>(StringComparer.Ordinal);
                foreach (var (k, v) in map.Children)
                {
                    var key = Scalar(k) ?? string.Empty;
                    if (!Keys.Contains(key))
                    {
                        problems.Add($"rule {index} (line {k.Start.Line}): unknown key '{Limits.Clip(key, 40)}'; accepted: {string.Join(", ", Keys)}");
                    }
                    else if (v is not YamlScalarNode)
                    {
                        problems.Add($"rule {index} (line {v.Start.Line}): '{key}' must be a single value");
                    }
                    else
                    {
                        values[key] = Scalar(v);
                    }
                }

                var threshold = double.NaN;
                if (values.GetValueOrDefault("threshold") is not { } t)
                {
                    problems.Add($"rule {index} (line {map.Start.Line}): 'threshold' is missing; a number in the metric's unit is accepted");
                }
                else if (!double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out threshold))
                {
                    problems.Add($"rule {index} (line {map.Start.Line}): threshold '{Limits.Clip(t, 40)}' is not a number");
                    continue;
                }

                var rule = new AlertRule(
                    values.GetValueOrDefault("name") ?? string.Empty,
                    values.GetValueOrDefault("target") ?? "all",
                    values.GetValueOrDefault("metric") ?? string.Empty,
                    values.GetValueOrDefault("instance") is { Length: > 0 } i ? i : null,
                    values.GetValueOrDefault("aggregate") ?? "avg",
                    values.GetValueOrDefault("for") ?? "0s",
                    values.GetValueOrDefault("comparison") ?? ">=",
                    threshold,
                    values.GetValueOrDefault("severity") ?? "warning",
                    values.GetValueOrDefault("webhook") is { Length: > 0 } w ? w : null);
                if (!double.IsNaN(threshold))
                {
                    problems.AddRange(Problems(rule).Select(p => $"rule {index} (line {map.Start.Line}): {p}"));
                }

                rules.Add(rule);
            }
        }

        problems.AddRange(SetProblems(rules));
        return problems.Count == 0 ? rules : throw new BastionException($"{source}: {string.Join("; ", problems.Take(10))}{(problems.Count > 10 ? $"; and {problems.Count - 10} more" : string.Empty)}.");
    }

    /// <summary>What is wrong with one rule, each with what is accepted; empty when it is valid.</summary>
    public static IReadOnlyList<string> Problems(AlertRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var problems = new List<string>();
        if (!NamePattern().IsMatch(rule.Name))
        {
            problems.Add($"name '{Limits.Clip(rule.Name, 70)}' is not accepted; a name is 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }

        if (string.IsNullOrWhiteSpace(rule.Target) || rule.Target.Length > 1000)
        {
            problems.Add($"target must be 1-1000 characters: {Inventory.TargetSelector.Grammar}");
        }

        if (!AlertMetrics.Names.Contains(rule.Metric))
        {
            problems.Add($"metric '{Limits.Clip(rule.Metric, 40)}' is not known; accepted: {string.Join(", ", AlertMetrics.Names)}");
        }
        else if (rule.Instance is not null && (!AlertMetrics.HasInstances(rule.Metric) || rule.Instance.Length > 200))
        {
            problems.Add($"instance is accepted only for disk (a mount point), disk_io (a device) and network_rx/network_tx (an interface), at most 200 characters");
        }

        if (!AlertMetrics.Aggregates.Contains(rule.Aggregate))
        {
            problems.Add($"aggregate '{Limits.Clip(rule.Aggregate, 40)}' is not known; accepted: {string.Join(", ", AlertMetrics.Aggregates)}");
        }

        if (ParseWindow(rule.For) is not { } window || window > TimeSpan.FromDays(1))
        {
            problems.Add($"for '{Limits.Clip(rule.For, 40)}' is not accepted; a duration from 0s to 1d with s, m, h or d, e.g. 0s, 90s, 10m, 1h");
        }

        if (!AlertMetrics.Comparisons.Contains(rule.Comparison))
        {
            problems.Add($"comparison '{Limits.Clip(rule.Comparison, 40)}' is not known; accepted: {string.Join(", ", AlertMetrics.Comparisons)}");
        }

        if (!double.IsFinite(rule.Threshold))
        {
            problems.Add("threshold must be a finite number");
        }

        if (!AlertMetrics.Severities.Contains(rule.Severity))
        {
            problems.Add($"severity '{Limits.Clip(rule.Severity, 40)}' is not known; accepted: {string.Join(", ", AlertMetrics.Severities)}");
        }

        if (rule.Webhook is { } hook && (hook.Length > 2000 || !Uri.TryCreate(hook, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
        {
            problems.Add("webhook must be an absolute http:// or https:// URL of at most 2000 characters");
        }

        return problems;
    }

    /// <summary>A rule's window: 0, 0s or a duration HistoryTime understands; null when it is none of these.</summary>
    public static TimeSpan? ParseWindow(string? text) =>
        text?.Trim() is "0" or "0s" or "0m" ? TimeSpan.Zero : HistoryTime.Duration(text);

    /// <summary>The YAML text of <paramref name="rules"/>, as <see cref="Parse"/> reads it.</summary>
    public static string Format(IReadOnlyList<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var text = new StringBuilder("# Bastion alert rules: see docs/alerts.md. Written by Bastion; edits by hand are kept.\nrules:\n");
        foreach (var r in rules)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - name: {Quote(r.Name)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    target: {Quote(r.Target)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    metric: {Quote(r.Metric)}\n");
            if (r.Instance is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"    instance: {Quote(r.Instance)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"    aggregate: {Quote(r.Aggregate)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    for: {Quote(r.For)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    comparison: {Quote(r.Comparison)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    threshold: {r.Threshold.ToString("R", CultureInfo.InvariantCulture)}\n");
            text.Append(CultureInfo.InvariantCulture, $"    severity: {Quote(r.Severity)}\n");
            if (r.Webhook is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"    webhook: {Quote(r.Webhook)}\n");
            }
        }

        return text.ToString();
    }

    /// <summary>Writes <paramref name="rules"/> to <paramref name="path"/> atomically (a temporary file in the same
    /// directory, mode 0600, then renamed over it).</summary>
    public static async Task WriteAsync(string path, IReadOnlyList<AlertRule> rules, CancellationToken cancellationToken)
    {
        var temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite }))
            {
                await stream.WriteAsync(Encoding.UTF8.GetBytes(Format(rules)), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static IEnumerable<string> SetProblems(List<AlertRule> rules)
    {
        if (rules.Count > MaxRules)
        {
            yield return $"{rules.Count} rules; at most {MaxRules} are accepted";
        }

        foreach (var name in rules.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            yield return $"the name '{Limits.Clip(name, 70)}' is used by more than one rule; names must be unique";
        }
    }

    private static string? Scalar(YamlNode node) => (node as YamlScalarNode)?.Value;

    // JSON string syntax is valid YAML double-quoted scalar syntax.
    private static string Quote(string value) => JsonSerializer.Serialize(value, (JsonTypeInfo<string>)QuoteOptions.GetTypeInfo(typeof(string)));

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex NamePattern();
}
