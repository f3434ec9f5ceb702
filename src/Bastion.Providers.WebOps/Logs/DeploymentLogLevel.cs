namespace Bastion.Providers.WebOps.Logs;

/// <summary>The level of a deployment log entry in WebOps (<c>DeploymentLog.Level</c>).</summary>
internal enum DeploymentLogLevel
{
    Info,
    Warning,
    Error,
    Success,
}
