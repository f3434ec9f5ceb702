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

    /// <summary>Which resources take each argument (resource itself is always taken), and which need one.</summary>
    private static readonly ParameterUse<DeploymentResource> Use = new ParameterUse<DeploymentResource>(
        "resource",
        ("name", One),
        ("status", [DeploymentResource.List]),
        ("name_contains", [DeploymentResource.List]),
        ("environment", [DeploymentResource.List]),
        ("level", [DeploymentResource.Logs]),
        ("since", [DeploymentResource.Logs]),
        ("until", [DeploymentResource.Logs]),
        ("contains", [DeploymentResource.Logs]),
        ("limit", [DeploymentResource.List, DeploymentResource.Status, DeploymentResource.Logs]))
        .Needs("name", One, "a deployment's name, as resource list gives it");

    /// <summary>Reads what <paramref name="query"/> names.</summary>
    /// <exception cref="Bastion.Core.BastionException">An argument the resource does not take, or a missing one it needs (nothing sent).</exception>
    /// <exception cref="PlatformException">An out-of-range argument (nothing sent); WebOps refused (e.g. no such deployment).</exception>
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

    private static string NameOf(DeploymentResource resource) => ChoiceName.Of(resource);

    private static void Check(DeploymentQuery q)
    {
        Use.Check(
            q.Resource, ("name", q.Name), ("status", q.Status), ("name_contains", q.NameContains), ("environment", q.Environment), ("level", q.Level), ("since", q.Since),
            ("until", q.Until), ("contains", q.Contains), ("limit", q.Limit));
        var problems = new List<string>();
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
