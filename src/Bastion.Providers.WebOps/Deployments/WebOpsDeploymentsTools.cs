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
    [Description("List the apps deployed on WebOps (the caller's deployments), newest first, with status (pending, building, running, stopped, failed), project type, repository, branch, domain and port. Filter by status, by part of the name, or by environment. Start here to learn deployment names for the other webops_ tools. Source: WebOps GET /api/deployments/ (paged).")]
    public Task<DeploymentList> ListAsync(
        [Description("Only deployments in this state. Omit for all.")] DeploymentState? status = null,
        [Description("Only deployments whose name contains this text (case-insensitive). Omit for all.")][StringLength(100)] string? name_contains = null,
        [Description("Only deployments whose app has ENVIRONMENT set to this (as webops_deploy sets it). WebOps has no environment field, so this costs one request per deployment examined. Omit for all.")] DeployEnvironment? environment = null,
        [Description("Most deployments to return (1-200).")][Range(1, 200)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        deployments.ListAsync(status, name_contains, environment, limit, cancellationToken);

    [McpServerTool(Name = "webops_deployment_show", Title = "Show a WebOps deployment", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Show one WebOps deployment's record: status, project type, repository, branch, domain, port, created/updated times, its ENVIRONMENT and the names of its environment variables (values withheld: they often hold credentials). For the running process, CPU, memory and recent logs use webops_deployment_status. Source: WebOps GET /api/deployments/{name}/. Errors: 'Deployment NAME not found' when the caller has no deployment of that name.")]
    public async Task<DeploymentDetail> ShowAsync(
        [Description("The deployment's name (see webops_deployments_list).")][StringLength(100)] string name,
        CancellationToken cancellationToken = default)
    {
        var (deployment, env) = await client.GetAsync(name, cancellationToken);
        return new DeploymentDetail(deployment, env.GetValueOrDefault("ENVIRONMENT"), env.Keys.Order(StringComparer.Ordinal).ToList(), []);
    }
}
