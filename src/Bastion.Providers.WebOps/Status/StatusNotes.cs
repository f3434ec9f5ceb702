namespace Bastion.Providers.WebOps.Status;

/// <summary>What a deployment's recorded status and its process say together, in sentences for the model.</summary>
internal static class StatusNotes
{
    public static IEnumerable<string> For(string status, ProcessStatus? process)
    {
        switch (status)
        {
            case "pending" or "building":
                yield return "A build is in progress; call again to follow it.";
                break;
            case "failed":
                yield return "The last build failed; the error entries in the log say why.";
                break;
            case "running" when process is { Status: not "running" }:
                yield return $"WebOps's record says running, but its monitor finds the process {process.Status}. WebOps's start only sets the record; use webops_deployment_control action=restart to start the process.";
                break;
            case "stopped" when process is { Status: "running" }:
                yield return "WebOps's record says stopped, but its monitor finds the process running; a stop may still be in progress.";
                break;
        }
    }
}
