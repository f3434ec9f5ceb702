using System.ComponentModel;
using Bastion.Core;
using Bastion.Core.Credentials;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Status;

/// <summary>Whether Bastion can talk to Cloudways, and how its token stands (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysStatusTools(CloudwaysClient client, CloudwaysAuth auth, TimeProvider clock)
{
    [McpServerTool(Name = "cloudways_status", Title = "Cloudways connection status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Check the Cloudways connection: which credentials are configured (never shown), which API it calls, whether a light call (GET /providers) succeeds and how long it takes, and the state of the access token (valid, expired, failing, revoked; seconds to expiry). Use it first when other cloudways_ tools fail, or to confirm setup.")]
    public async Task<CloudwaysStatus> StatusAsync(CancellationToken cancellationToken = default)
    {
        CloudwaysCredentials credentials;
        try
        {
            credentials = client.Credentials();
        }
        catch (BastionException e)
        {
            return new CloudwaysStatus(false, CloudwaysAuthMode.None, null, null, false, null, null, null, e.Message, null, "Fix the stored values, then call cloudways_status again.");
        }

        var url = credentials.BaseUrl;
        if (credentials.Mode == CloudwaysAuthMode.None)
        {
            return new CloudwaysStatus(false, CloudwaysAuthMode.None, url.Authority, url.AbsolutePath, credentials.CustomUrl, null, null, null, null, null,
                $"Store {CloudwaysVault.Email} and {CloudwaysVault.ApiKey} (or {CloudwaysVault.AccessToken}) with `bastion vault set NAME`; in HTTP mode send the x-cloudways-* headers.");
        }

        var started = clock.GetTimestamp();
        bool reachable, authenticated;
        string? error = null, advice = null;
        try
        {
            await client.GetAsync("/providers", cancellationToken);
            (reachable, authenticated) = (true, true);
        }
        catch (TokenRevokedException e)
        {
            (reachable, authenticated, error, advice) = (true, false, e.Message, $"Set a valid key with `bastion vault set {CloudwaysVault.ApiKey}` (and check {CloudwaysVault.Email}).");
        }
        catch (PlatformException e)
        {
            (reachable, authenticated, error) = (e.Status is not null, false, e.Message);
            advice = e.Status is null ? "Cloudways could not be reached: check the network, or cloudways/url." : null;
        }
        catch (BastionException e)
        {
            (reachable, authenticated, error) = (false, false, e.Message);
        }

        var latency = Math.Round(clock.GetElapsedTime(started).TotalSeconds, 3);
        var token = credentials.Mode == CloudwaysAuthMode.ApiKey ? auth.Provider.Status : null;
        return new CloudwaysStatus(true, credentials.Mode, url.Authority, url.AbsolutePath, credentials.CustomUrl, reachable, authenticated, latency, error, token, advice);
    }
}
