using System.Text.Json;
using Bastion.Core.Progress;
using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Security;
using Bastion.Providers.WebOps.Services;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>
/// What webops_deployment_control does: a deploy or a deletion (<see cref="WebOpsDeployments"/>), a start, stop or
/// restart (<see cref="WebOpsServiceControl"/>), or a security scan, after checking that the arguments fit the action.
/// </summary>
internal sealed class WebOpsDeploymentControl(WebOpsClient client, WebOpsDeployments deployments, WebOpsServiceControl services)
{
    /// <summary>Runs <paramref name="request"/>, by default waiting for its effect.</summary>
    /// <exception cref="PlatformException">An argument the action does not take, or lacks (nothing sent); WebOps refused.</exception>
    public async Task<DeploymentControlResult> RunAsync(DeploymentControlRequest request, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Check();
        var wait = request.Wait ?? true;
        var result = new DeploymentControlResult(request.ActionName);
        return request.Action switch
        {
            DeploymentAction.Deploy => result with
            {
                Deploy = await deployments.DeployAsync(
                    new DeployRequest(request.Name, request.Repository!, request.Branch ?? "main", request.Environment, request.Domain, request.EnvVars),
                    wait,
                    request.Timeout,
                    progress,
                    cancellationToken),
            },
            DeploymentAction.Delete => result with { Delete = await deployments.DeleteAsync(request.Name, wait, request.Timeout, progress, cancellationToken) },
            DeploymentAction.Scan => result with { Scan = await ScanAsync(request.ScanType ?? ScanType.Comprehensive, request.Name, cancellationToken) },
            DeploymentAction.Start => result with { Service = await services.ActAsync(request.Name, ServiceAction.Start, wait, request.Timeout, progress, cancellationToken) },
            DeploymentAction.Stop => result with { Service = await services.ActAsync(request.Name, ServiceAction.Stop, wait, request.Timeout, progress, cancellationToken) },
            _ => result with { Service = await services.ActAsync(request.Name, ServiceAction.Restart, wait, request.Timeout, progress, cancellationToken) },
        };
    }

    private async Task<ScanResult> ScanAsync(ScanType scanType, string target, CancellationToken cancellationToken)
    {
        var type = JsonNamingPolicy.SnakeCaseLower.ConvertName(scanType.ToString());
        var (id, message) = await client.ScanAsync(type, target, cancellationToken);
        return new ScanResult(id, type, target, message, [ScanResult.Caveat]);
    }
}
