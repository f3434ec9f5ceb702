using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Logs;
using Bastion.Providers.WebOps.Status;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>
/// Everything webops_deployment reads: checks that each given argument is one the resource takes and is in range, then
/// reads the list (<see cref="WebOpsDeployments"/>), a record, a status (<see cref="WebOpsStatusReader"/>) or a log
/// (<see cref="WebOpsLogs"/>). Nothing is sent when an argument is wrong; the error names the resources that take it.
/// </summary>
internal sealed class WebOpsDeploymentReads(WebOpsClient client, WebOpsDeployments deployments, WebOpsStatusReader status, WebOpsLogs logs)
{
    private static readonly DeploymentResource[] One = [DeploymentResource.Record, DeploymentResource.Status, DeploymentResource.Logs];

    /// <summary>Which resources take each argument (resource itself is always taken).</summary>
    private static readonly (string Name, Func<DeploymentQuery, bool> Given, DeploymentResource[] Takers)[] Arguments =
    [
        ("name", q => q.Name is not null, One),
        ("status", q => q.Status is not null, [DeploymentResource.List]),
        ("name_contains", q => q.NameContains is not null, [DeploymentResource.List]),
        ("environment", q => q.Environment is not null, [DeploymentResource.List]),
        ("level", q => q.Level is not null, [DeploymentResource.Logs]),
        ("since", q => q.Since is not null, [DeploymentResource.Logs]),
        ("until", q => q.Until is not null, [DeploymentResource.Logs]),
        ("contains", q => q.Contains is not null, [DeploymentResource.Logs]),
        ("limit", q => q.Limit is not null, [DeploymentResource.List, DeploymentResource.Status, DeploymentResource.Logs]),
    ];

    /// <summary>Reads what <paramref name="query"/> names.</summary>
    /// <exception cref="PlatformException">An argument the resource does not take, a missing or out-of-range one (nothing sent); WebOps refused (e.g. no such deployment).</exception>
    public async Task<DeploymentRead> ReadAsync(DeploymentQuery query, CancellationToken cancellationToken)
    {
        Check(query);
        switch (query.Resource)
        {
            case DeploymentResource.List:
                return new DeploymentRead("list") { List = await deployments.ListAsync(query.Status, query.NameContains, query.Environment, query.Limit ?? 50, cancellationToken) };
            case DeploymentResource.Record:
                var (deployment, env) = await client.GetAsync(query.Name!, cancellationToken);
                return new DeploymentRead("record") { Record = new DeploymentDetail(deployment, env.GetValueOrDefault("ENVIRONMENT"), env.Keys.Order(StringComparer.Ordinal).ToList(), []) };
            case DeploymentResource.Status:
                var lines = query.Limit ?? 20;
                return new DeploymentRead("status") { Status = await status.ReadAsync(query.Name!, true, lines > 0, Math.Max(lines, 1), cancellationToken) };
            default:
                return new DeploymentRead("logs") { Logs = await logs.ReadAsync(query.Name!, query.Level, query.Since, query.Until, query.Contains, query.Limit ?? 100, cancellationToken) };
        }
    }

    private static string NameOf(DeploymentResource resource) => resource.ToString().ToLowerInvariant();

    private static void Check(DeploymentQuery q)
    {
        var problems = Arguments
            .Where(a => a.Given(q) && !a.Takers.Contains(q.Resource))
            .Select(a => $"{a.Name} is not taken by resource {NameOf(q.Resource)} (only by {string.Join(", ", a.Takers.Select(NameOf))})")
            .ToList();
        if (One.Contains(q.Resource) && q.Name is null)
        {
            problems.Add($"resource {NameOf(q.Resource)} needs name (a deployment's name, as resource list gives it)");
        }

        if (q.Name is { Length: 0 or > 100 })
        {
            problems.Add("name must be 1-100 characters");
        }

        if (q.NameContains is { Length: > 100 } || q.Contains is { Length: > 200 })
        {
            problems.Add("name_contains is at most 100 characters, contains at most 200");
        }

        var (least, most) = q.Resource switch
        {
            DeploymentResource.List => (1, 200),
            DeploymentResource.Status => (0, 200),
            _ => (1, 1000),
        };
        if (q.Limit is { } limit && (limit < least || limit > most))
        {
            problems.Add($"limit for {NameOf(q.Resource)} must be {least}-{most}, not {limit}");
        }

        if (problems.Count > 0)
        {
            throw new PlatformException(WebOpsClient.Platform, string.Join("; ", problems) + ". Nothing was sent.");
        }
    }
}
