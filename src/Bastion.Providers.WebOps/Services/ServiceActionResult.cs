using System.ComponentModel;
using Bastion.Providers.WebOps.Logs;
using Bastion.Providers.WebOps.Status;

namespace Bastion.Providers.WebOps.Services;

/// <summary>The outcome of a start, stop or restart (webops_deployment_control).</summary>
internal sealed record ServiceActionResult(
    [property: Description("The deployment's name.")] string Deployment,
    [property: Description("start, stop or restart.")] string Action,
    [property: Description("WebOps's answer, e.g. 'Deployment blog restart queued'.")] string Message,
    [property: Description("done (Bastion saw the effect), queued (wait was false, or WebOps gives nothing to watch), or unconfirmed (the wait ended before the effect showed).")] string Outcome,
    [property: Description("WebOps's recorded status after the action.")] string Status,
    [property: Description("The process after the action as WebOps's monitor sees it; null when WebOps could not say (see notes).")] ProcessStatus? Process,
    [property: Description("Log entries WebOps wrote since the action, oldest first.")] IReadOnlyList<LogEntry> NewLogs,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
