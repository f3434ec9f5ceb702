using System.Text.Json;
using Bastion.Tools;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>
/// Checks a webops_deployment_control call before anyone is asked (an argument the action does not take, or lacks,
/// refuses it), and words the confirmation per action. Every action but scan is confirmed, as each was when it had a tool
/// of its own (a scan, only recorded, never was); every action changes something, so read-only mode does not serve the tool.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
internal sealed class DeploymentControlRiskAttribute : CallRiskAttribute
{
    /// <inheritdoc/>
    public override bool SomeCallsOnlyRead => false;

    /// <inheritdoc/>
    public override ValueTask<CallChange?> AssessAsync(IServiceProvider services, IReadOnlyDictionary<string, JsonElement> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        if (DeploymentControlRequest.From(arguments) is not { } request)
        {
            // The schema requires both; without them the tool's own binding answers. Confirm all the same.
            return ValueTask.FromResult<CallChange?>(new CallChange("call webops_deployment_control", "it changes what runs on the WebOps server."));
        }

        request.Check();
        if (request.Action == DeploymentAction.Scan)
        {
            // A scan only adds WebOps's record of one and changes nothing on the server: it ran without confirmation as webops_security_scan.
            return ValueTask.FromResult<CallChange?>(null);
        }

        var what = request.Action == DeploymentAction.Deploy
            ? $"deploy a new WebOps app '{request.Name}' from {request.Repository} branch {request.Branch ?? "main"} (webops_deployment_control)"
            : $"{request.ActionName} WebOps deployment '{request.Name}' (webops_deployment_control)";
        var risk = request.Action switch
        {
            DeploymentAction.Deploy => "a deployment builds and runs code from the repository on the WebOps server; each call deploys again.",
            DeploymentAction.Delete => "delete removes the app, its service, site and record; it cannot be undone.",
            DeploymentAction.Start => "start changes what runs on the WebOps server.",
            _ => $"{request.ActionName} takes the app down{(request.Action == DeploymentAction.Restart ? " for a moment" : string.Empty)}.",
        };
        return ValueTask.FromResult<CallChange?>(new CallChange(what, risk));
    }
}
