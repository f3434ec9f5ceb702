namespace Bastion.Providers.WebOps.Tests.Live;

/// <summary>
/// A test against a real WebOps, run only when <c>BASTION_LIVE_WEBOPS_URL</c> and credentials are set
/// (<c>BASTION_LIVE_WEBOPS_TOKEN</c>, or <c>BASTION_LIVE_WEBOPS_USERNAME</c> + <c>BASTION_LIVE_WEBOPS_PASSWORD</c>);
/// skipped with a reason otherwise.
/// </summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (LiveWebOps.Vault() is null)
        {
            Skip = "Live WebOps not configured: set BASTION_LIVE_WEBOPS_URL and BASTION_LIVE_WEBOPS_TOKEN, or BASTION_LIVE_WEBOPS_USERNAME and BASTION_LIVE_WEBOPS_PASSWORD.";
        }
    }
}
