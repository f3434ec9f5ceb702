namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// A test against the real Cloudways API, run only when <c>BASTION_LIVE_CLOUDWAYS_EMAIL</c> and
/// <c>BASTION_LIVE_CLOUDWAYS_API_KEY</c>, or <c>BASTION_LIVE_CLOUDWAYS_ACCESS_TOKEN</c>, are set; skipped otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LiveFactAttribute : FactAttribute
{
    public LiveFactAttribute()
    {
        if (!LiveCloudways.Enabled)
        {
            Skip = "Live Cloudways tests need BASTION_LIVE_CLOUDWAYS_EMAIL + BASTION_LIVE_CLOUDWAYS_API_KEY, or BASTION_LIVE_CLOUDWAYS_ACCESS_TOKEN (see docs/platforms/cloudways.md).";
        }
    }
}
