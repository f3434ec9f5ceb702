namespace Bastion.Providers.Alpacon.Tests;

/// <summary>A test against a real Alpacon workspace: runs only when BASTION_LIVE_ALPACON_WORKSPACE, _REGION and _TOKEN are set.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (LiveWorkspace.FromEnvironment() is null)
        {
            Skip = "Live Alpacon mode is off: set BASTION_LIVE_ALPACON_WORKSPACE, BASTION_LIVE_ALPACON_REGION and BASTION_LIVE_ALPACON_TOKEN to run it (read-only calls only).";
        }
    }
}
