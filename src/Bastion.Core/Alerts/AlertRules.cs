using Bastion.Core.Configuration;
using Bastion.Core.Secrets;
using Microsoft.Extensions.Logging;

namespace Bastion.Core.Alerts;

/// <summary>
/// The alert rules of one data directory: <c>alerts.yaml</c> when it exists, else <see cref="DefaultAlertRules"/>. The
/// file is read again whenever its size or modification time changes; a file that does not parse or holds an invalid
/// rule is refused whole, the last good rules stay in force, and the reason is logged and kept in
/// <see cref="AlertRuleSet.Problem"/>. Changes made here are written atomically (temp file + rename). Webhook URLs of the
/// rules read (their path and query) become known secrets of the redactor, so later answers, logs and audit entries never carry them.
/// </summary>
public sealed partial class AlertRules(BastionPaths paths, ILogger<AlertRules> logger, Redactor? redactor = null) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _write = new(1, 1);
    private AlertRuleSet _current = new(DefaultAlertRules.All, "defaults", null);
    private (long Size, DateTime Modified)? _seen;

    /// <summary>Path of <c>alerts.yaml</c>.</summary>
    public string FilePath { get; } = Path.Combine(paths.DataDirectory, AlertRulesFile.FileName);

    /// <summary>The rules in force, after reading the file again if it changed.</summary>
    public AlertRuleSet Current()
    {
        lock (_lock)
        {
            var info = new FileInfo(FilePath);
            if (!info.Exists)
            {
                if (_seen is not null || _current.Source != "defaults")
                {
                    _current = new(DefaultAlertRules.All, "defaults", null);
                    _seen = null;
                }

                return _current;
            }

            var stamp = (info.Length, info.LastWriteTimeUtc);
            if (_seen == stamp)
            {
                return _current;
            }

            _seen = stamp;
            try
            {
                _current = new(AlertRulesFile.Parse(File.ReadAllText(FilePath), FilePath), "file", null);
                // The secret part of a webhook URL is its path and query; its scheme and host stay readable.
                foreach (var hook in _current.Rules.Select(r => r.Webhook).OfType<string>())
                {
                    if (Uri.TryCreate(hook, UriKind.Absolute, out var uri) && uri.PathAndQuery.TrimStart('/') is { Length: >= 8 } secret)
                    {
                        redactor?.AddKnownSecret(secret);
                    }
                }
            }
            catch (Exception e) when (e is BastionException or IOException or UnauthorizedAccessException)
            {
                _current = _current with { Source = _current.Source == "defaults" ? "defaults" : "last_good", Problem = $"{e.Message} The last good rules stay in force." };
                LogRefused(logger, e.Message);
            }

            return _current;
        }
    }

    /// <summary>Adds <paramref name="rule"/>, or replaces the rule of the same name, and writes the file.</summary>
    /// <returns>True when a rule was replaced.</returns>
    /// <exception cref="BastionException">The rule is invalid, or the file on disk is refused (fix or delete it first).</exception>
    public async Task<bool> SetAsync(AlertRule rule, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (AlertRulesFile.Problems(rule) is { Count: > 0 } problems)
        {
            throw new BastionException($"Rule '{Limits.Clip(rule.Name, 70)}' not saved: {string.Join("; ", problems)}.");
        }

        return await ChangeAsync(rules =>
        {
            var replaced = rules.Any(r => r.Name == rule.Name);
            var next = replaced ? rules.Select(r => r.Name == rule.Name ? rule : r).ToList() : [.. rules, rule];
            return next.Count > AlertRulesFile.MaxRules
                ? throw new BastionException($"Rule '{rule.Name}' not saved: at most {AlertRulesFile.MaxRules} rules are accepted; delete one first.")
                : (next, replaced);
        }, cancellationToken);
    }

    /// <summary>Deletes the rule named <paramref name="name"/> and writes the file.</summary>
    /// <exception cref="BastionException">No such rule, or the file on disk is refused.</exception>
    public Task DeleteAsync(string name, CancellationToken cancellationToken) =>
        ChangeAsync(rules => rules.Any(r => r.Name == name)
            ? (rules.Where(r => r.Name != name).ToList(), true)
            : throw new BastionException($"No alert rule is named '{Limits.Clip(name, 70)}'. Rules: {string.Join(", ", rules.Select(r => r.Name))}."),
            cancellationToken);

    private async Task<bool> ChangeAsync(Func<IReadOnlyList<AlertRule>, (List<AlertRule> Rules, bool Result)> change, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken);
        try
        {
            var current = Current();
            if (current.Problem is not null)
            {
                throw new BastionException($"{FilePath} is refused, so it is not changed: {current.Problem} Fix the file by hand or delete it (the default rules then apply).");
            }

            var (rules, result) = change(current.Rules);
            await AlertRulesFile.WriteAsync(FilePath, rules, cancellationToken);
            lock (_lock)
            {
                _seen = null;
            }

            Current();
            return result;
        }
        finally
        {
            _write.Release();
        }
    }

    public void Dispose() => _write.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert rules refused, the last good rules stay in force: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
