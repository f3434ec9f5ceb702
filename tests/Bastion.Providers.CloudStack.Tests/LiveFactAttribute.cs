namespace Bastion.Providers.CloudStack.Tests;

/// <summary>
/// A test that runs against a real CloudStack only when <c>BASTION_LIVE_CLOUDSTACK_URL</c>,
/// <c>BASTION_LIVE_CLOUDSTACK_API_KEY</c> and <c>BASTION_LIVE_CLOUDSTACK_SECRET_KEY</c> are set; otherwise it is
/// reported as skipped, saying what to set.
/// </summary>
public sealed class LiveFactAttribute : FactAttribute
{
    public const string UrlVariable = "BASTION_LIVE_CLOUDSTACK_URL";
    public const string ApiKeyVariable = "BASTION_LIVE_CLOUDSTACK_API_KEY";
    public const string SecretKeyVariable = "BASTION_LIVE_CLOUDSTACK_SECRET_KEY";

    public LiveFactAttribute()
    {
        if (!Configured)
        {
            Skip = $"Live CloudStack tests are opt-in: set {UrlVariable}, {ApiKeyVariable} and {SecretKeyVariable} to run them (read-only calls only).";
        }
    }

    public static bool Configured =>
        new[] { UrlVariable, ApiKeyVariable, SecretKeyVariable }.All(v => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v)));
}
