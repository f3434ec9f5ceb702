namespace Bastion.Providers.WebOps.Deployments;

/// <summary>
/// What webops_deployment_control does (its <c>action</c> argument), with the WebOps route behind each. WebOps has no
/// scaling route, so there is no scale action.
/// </summary>
internal enum DeploymentAction
{
    /// <summary>A new deployment from a git repository: POST /api/deployments/create/.</summary>
    Deploy,

    /// <summary>POST /api/deployments/{name}/start/.</summary>
    Start,

    /// <summary>POST /api/deployments/{name}/stop/.</summary>
    Stop,

    /// <summary>POST /api/deployments/{name}/restart/.</summary>
    Restart,

    /// <summary>DELETE /api/deployments/{name}/delete/.</summary>
    Delete,

    /// <summary>A security scan of the WebOps server or a deployment: POST /compliance/api/scan-now/ (not confirmed: it changes nothing on the server).</summary>
    Scan,
}
