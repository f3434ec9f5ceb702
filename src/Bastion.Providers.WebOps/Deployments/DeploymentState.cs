namespace Bastion.Providers.WebOps.Deployments;

/// <summary>A deployment status in WebOps (<c>BaseDeployment.Status</c>).</summary>
internal enum DeploymentState
{
    Pending,
    Building,
    Running,
    Stopped,
    Failed,
}
