namespace Bastion.Fakes.WebOps.State;

/// <summary>Background work the fake's processor has queued for a deployment.</summary>
public enum PendingWork
{
    None,
    Deploy,
    Build,
    Stop,
    Restart,
    Delete,
}
