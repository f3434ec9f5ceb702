namespace Bastion.Providers.Alpacon.Tests;

/// <summary>The real workspace the live tests read, from the environment.</summary>
public sealed record LiveWorkspace(string Workspace, string Region, string Token)
{
    public static LiveWorkspace? FromEnvironment()
    {
        var workspace = Environment.GetEnvironmentVariable("BASTION_LIVE_ALPACON_WORKSPACE");
        var region = Environment.GetEnvironmentVariable("BASTION_LIVE_ALPACON_REGION");
        var token = Environment.GetEnvironmentVariable("BASTION_LIVE_ALPACON_TOKEN");
        return string.IsNullOrWhiteSpace(workspace) || string.IsNullOrWhiteSpace(region) || string.IsNullOrWhiteSpace(token)
            ? null
            : new LiveWorkspace(workspace, region, token);
    }
}
