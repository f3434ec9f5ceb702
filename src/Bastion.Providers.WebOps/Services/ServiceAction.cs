namespace Bastion.Providers.WebOps.Services;

/// <summary>What WebOps's start, stop and restart routes do (webops_deployment_control).</summary>
internal enum ServiceAction
{
    Start,
    Stop,
    Restart,
}
