using Bastion.Core;
using Bastion.Providers.WebOps.Api;

namespace Bastion.Providers.WebOps.Logs;

/// <summary>
/// A deployment's log as WebOps keeps it (its own record of clone, build, start, stop, errors), filtered here by level,
/// time range and text, since WebOps filters nothing itself. Source: WebOps GET /api/deployments/{name}/logs/.
/// </summary>
internal sealed class WebOpsLogs(WebOpsClient client)
{
    /// <summary>The newest <paramref name="lines"/> entries of <paramref name="name"/>'s log that match, oldest first.</summary>
    /// <param name="name">The deployment's name.</param>
    /// <param name="level">Only entries of this level; null for all.</param>
    /// <param name="since">Only entries at or after this time.</param>
    /// <param name="until">Only entries before this time.</param>
    /// <param name="contains">Only entries whose message contains this text (case-insensitive).</param>
    /// <param name="lines">How many of the newest matching entries.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <exception cref="BastionException"><paramref name="until"/> is not later than <paramref name="since"/>.</exception>
    /// <exception cref="PlatformException">WebOps refused or failed the call.</exception>
    public async Task<LogList> ReadAsync(string name, DeploymentLogLevel? level, DateTimeOffset? since, DateTimeOffset? until, string? contains, int lines, CancellationToken cancellationToken)
    {
        if (since is { } from && until is { } to && to <= from)
        {
            throw new BastionException("until must be later than since.");
        }

        var wanted = level?.ToString().ToLowerInvariant();
        var all = await client.LogsAsync(name, cancellationToken);
        var matching = all.Where(e =>
                (wanted is null || e.Level == wanted)
                && (since is null || e.Time >= since)
                && (until is null || e.Time < until)
                && (contains is null || e.Message.Contains(contains, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        var entries = matching.TakeLast(lines).ToList();
        var notes = new List<string>();
        if (entries.Count < matching.Count)
        {
            notes.Add($"Showing the newest {entries.Count} of {matching.Count} matching entries; raise lines or narrow since/until to see older ones.");
        }

        if (all.Count == 0)
        {
            notes.Add("The deployment has no log entries yet.");
        }

        return new LogList(name, matching.Count, entries, entries.Count < matching.Count, notes);
    }
}
