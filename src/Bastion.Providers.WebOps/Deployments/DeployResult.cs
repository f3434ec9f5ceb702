using System.ComponentModel;
using Bastion.Providers.WebOps.Logs;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>The outcome of a deploy (webops_deployment_control action=deploy).</summary>
internal sealed record DeployResult(
    [property: Description("The deployment as WebOps last reported it.")] Deployment Deployment,
    [property: Description("running (deployed), failed (the build failed; see recent_logs), pending (built, then put back to pending with no app running), in_progress (still pending or building when the wait ended), queued (wait was false), or unknown (following it failed; see notes).")] string Outcome,
    [property: Description("Seconds spent waiting for the build.")] double WaitedSeconds,
    [property: Description("The newest entries of the deployment's log (WebOps's record of clone, build and start), oldest first.")] IReadOnlyList<LogEntry> RecentLogs,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
