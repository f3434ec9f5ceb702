using Bastion.Core;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;

namespace Bastion.Providers.Alpacon.Alerts;

/// <summary>
/// Creates, changes and deletes Alpacon alert rules (<c>/api/metrics/alert-rules/</c>). A rule lives in one workspace:
/// the servers it applies to are given as Bastion host names and must all be in that workspace.
/// </summary>
internal sealed class AlpaconAlertRules(AlpaconTargets targets)
{
    /// <summary>Alpacon's path of alert rules, relative to the workspace's API root.</summary>
    public const string Path = "api/metrics/alert-rules/";

    /// <summary>Creates a rule with <paramref name="fields"/> (name, metric, condition and threshold set).</summary>
    /// <exception cref="BastionException">The hosts are unknown or span workspaces.</exception>
    /// <exception cref="PlatformException">Alpacon refused the rule.</exception>
    public async Task<AlpaconObject> CreateAsync(AlertRuleFields fields, string? workspace, string[]? hosts, CancellationToken cancellationToken)
    {
        var (client, servers) = Scope(workspace, hosts);
        var rule = await client.PostAsync(Path, fields.Body(servers), cancellationToken);
        return new AlpaconObject(client.Workspace.Name, "/" + Path, rule, $"Alert rule '{fields.Name}' created (id {rule.Str("id")}).");
    }

    /// <summary>Changes the given fields (and servers, when <paramref name="hosts"/> is set) of rule <paramref name="id"/>.</summary>
    /// <exception cref="BastionException">Nothing to change, or the hosts are unknown or span workspaces.</exception>
    /// <exception cref="PlatformException">Alpacon refused the change (e.g. no such rule).</exception>
    public async Task<AlpaconObject> UpdateAsync(string id, AlertRuleFields fields, string? workspace, string[]? hosts, CancellationToken cancellationToken)
    {
        var (client, servers) = Scope(workspace, hosts);
        var body = fields.Body(servers);
        if (body.Count == 0)
        {
            throw new BastionException("Nothing to change: give at least one of name, metric_type, condition, threshold, hosts, description, enabled.");
        }

        var rule = await client.PatchAsync($"{Path}{Uri.EscapeDataString(id)}/", body, cancellationToken);
        return new AlpaconObject(client.Workspace.Name, "/" + Path, rule, $"Alert rule {id} changed: {string.Join(", ", body.Keys)}.");
    }

    /// <summary>Deletes rule <paramref name="id"/>.</summary>
    /// <exception cref="PlatformException">Alpacon refused (e.g. no such rule).</exception>
    public async Task<AlpaconObject> DeleteAsync(string id, string? workspace, CancellationToken cancellationToken)
    {
        var client = targets.Workspace(workspace);
        await client.DeleteAsync($"{Path}{Uri.EscapeDataString(id)}/", cancellationToken);
        return new AlpaconObject(client.Workspace.Name, "/" + Path, null, $"Alert rule {id} deleted.");
    }

    private (AlpaconClient Client, List<string>? Servers) Scope(string? workspace, string[]? hosts)
    {
        if (hosts is null || hosts.Length == 0)
        {
            return (targets.Workspace(workspace), null);
        }

        var resolved = hosts.Select(targets.Resolve).ToList();
        var names = resolved.Select(t => t.Workspace).Distinct(StringComparer.Ordinal).ToList();
        if (names.Count > 1 || (workspace is not null && names[0] != workspace))
        {
            throw new BastionException($"An alert rule lives in one workspace; the hosts given are in {string.Join(", ", names)}.");
        }

        return (resolved[0].Client, resolved.Select(t => t.ServerId).ToList());
    }
}
