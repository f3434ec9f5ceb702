using System.ComponentModel;
using Bastion.Providers.WebOps.Deployments;
using Bastion.Providers.WebOps.Logs;

namespace Bastion.Providers.WebOps.Status;

/// <summary>One deployment now (webops_deployment resource=status).</summary>
internal sealed record DeploymentStatus(
    [property: Description("The deployment and WebOps's recorded status.")] Deployment Deployment,
    [property: Description("The app's process as WebOps's monitor sees it (pid, CPU, memory, uptime, restarts); null when not asked for or WebOps could not say (see notes).")] ProcessStatus? Process,
    [property: Description("The newest entries of the deployment's log, oldest first; empty when not asked for.")] IReadOnlyList<LogEntry> RecentLogs,
    [property: Description("What to know, e.g. a record that says running while no process runs; empty when nothing.")] IReadOnlyList<string> Notes);
