using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.WebOps.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>Reading WebOps deployments: the list (with filters) and one deployment's record.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsDeploymentsTools(WebOpsClient client, WebOpsOptions options)
{
    /// <summary>Most deployments examined one by one for the environment filter (one request each).</summary>
    private const int MaxEnvironmentLookups = 200;

    [McpServerTool(Name = "webops_deployments_list", Title = "List WebOps deployments", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("List the apps deployed on WebOps (the caller's deployments), newest first, with status (pending, building, running, stopped, failed), project type, repository, branch, domain and port. Filter by status, by part of the name, or by environment. Start here to learn deployment names for the other webops_ tools. Source: WebOps GET /api/deployments/ (paged).")]
    public async Task<DeploymentList> ListAsync(
        [Description("Only deployments in this state. Omit for all.")] DeploymentState? status = null,
        [Description("Only deployments whose name contains this text (case-insensitive). Omit for all.")][MaxLength(100)] string? name_contains = null,
        [Description("Only deployments whose app has ENVIRONMENT set to this (as webops_deploy sets it). WebOps has no environment field, so this costs one request per deployment examined. Omit for all.")] DeployEnvironment? environment = null,
        [Description("Most deployments to return (1-200).")][Range(1, 200)] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        var notes = new List<string>();
        var matched = new List<Deployment>();
        var clientSide = name_contains is not null || environment is not null;
        var wanted = environment?.ToString().ToLowerInvariant();
        var (scanned, lookups, webOpsTotal, examinedAll, capped) = (0, 0, 0, true, false);
        for (var page = 1; ; page++)
        {
            var (items, total, pages) = await client.ListPageAsync(page, options.PageSize, status?.ToString().ToLowerInvariant(), cancellationToken);
            webOpsTotal = total;
            foreach (var deployment in items)
            {
                // Without filters of its own Bastion needs no more than limit (WebOps counts the total); with the
                // environment filter each candidate costs a request, so it stops at limit matches too.
                if ((!clientSide || wanted is not null) && matched.Count >= limit)
                {
                    examinedAll = false;
                    break;
                }

                scanned++;
                if (name_contains is not null && !deployment.Name.Contains(name_contains, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (wanted is not null)
                {
                    if (lookups >= MaxEnvironmentLookups)
                    {
                        (examinedAll, capped) = (false, true);
                        break;
                    }

                    lookups++;
                    var (_, env) = await client.GetAsync(deployment.Name, cancellationToken);
                    if (!string.Equals(env.GetValueOrDefault("ENVIRONMENT"), wanted, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }
                }

                matched.Add(deployment);
            }

            if (!examinedAll || page >= pages || items.Count == 0)
            {
                break;
            }

            if (scanned >= options.Http.MaxItems)
            {
                (examinedAll, capped) = (false, true);
                break;
            }
        }

        if (capped)
        {
            notes.Add($"Only the newest {scanned} deployments were examined ({lookups} of them one by one); older ones may match too.");
        }

        if (wanted is not null)
        {
            notes.Add($"environment is not a WebOps field: matched against each deployment's ENVIRONMENT variable ({lookups} detail request{(lookups == 1 ? string.Empty : "s")}).");
        }

        var matchedTotal = clientSide ? matched.Count : webOpsTotal;
        if (clientSide && !examinedAll)
        {
            notes.Add($"Stopped looking after {matched.Count} matches; total counts only those, more may exist.");
        }

        var shown = matched.Take(limit).ToList();
        if (Bastion.Core.Limits.CutNote(shown.Count, matchedTotal, "deployments") is { } cut)
        {
            notes.Add(cut);
        }

        return new DeploymentList(matchedTotal, shown, shown.Count < matchedTotal || (clientSide && !examinedAll), notes);
    }

    [McpServerTool(Name = "webops_deployment_show", Title = "Show a WebOps deployment", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show one WebOps deployment's record: status, project type, repository, branch, domain, port, created/updated times, its ENVIRONMENT and the names of its environment variables (values withheld: they often hold credentials). For the running process, CPU, memory and recent logs use webops_deployment_status. Source: WebOps GET /api/deployments/{name}/. Errors: 'Deployment NAME not found' when the caller has no deployment of that name.")]
    public async Task<DeploymentDetail> ShowAsync(
        [Description("The deployment's name (see webops_deployments_list).")][MaxLength(100)] string name,
        CancellationToken cancellationToken = default)
    {
        var (deployment, env) = await client.GetAsync(name, cancellationToken);
        return new DeploymentDetail(deployment, env.GetValueOrDefault("ENVIRONMENT"), env.Keys.Order(StringComparer.Ordinal).ToList(), []);
    }
}
