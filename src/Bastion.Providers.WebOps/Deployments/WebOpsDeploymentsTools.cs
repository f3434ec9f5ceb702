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
internal sealed class WebOpsDeploymentsTools(WebOpsClient client, WebOpsDeployments deployments)
{
    [McpServerTool(Name = "webops_deployments_list", Title = "List WebOps deployments", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Apps deployed on WebOps, newest first: status, project type, repository, branch, domain, port. Filter by status, name or environment. Names here are what other webops_ tools take. Source: WebOps GET /api/deployments/.")]
    public Task<DeploymentList> ListAsync(
        [Description("Only deployments in this state.")] DeploymentState? status = null,
        [Description("Only deployments whose name contains this text (case-insensitive).")][StringLength(100)] string? name_contains = null,
        [Description("Only deployments with this ENVIRONMENT (one request per deployment examined).")] DeployEnvironment? environment = null,
        [Description("Most deployments to return.")][Range(1, 200)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        deployments.ListAsync(status, name_contains, environment, limit, cancellationToken);

    [McpServerTool(Name = "webops_deployment_show", Title = "Show a WebOps deployment", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One WebOps deployment's record: status, type, repository, branch, domain, port, times, ENVIRONMENT and the names (not values) of its variables. Source: WebOps GET /api/deployments/{name}/.")]
    public async Task<DeploymentDetail> ShowAsync(
        [Description("Deployment name.")][StringLength(100)] string name,
        CancellationToken cancellationToken = default)
    {
        var (deployment, env) = await client.GetAsync(name, cancellationToken);
        return new DeploymentDetail(deployment, env.GetValueOrDefault("ENVIRONMENT"), env.Keys.Order(StringComparer.Ordinal).ToList(), []);
    }
}
