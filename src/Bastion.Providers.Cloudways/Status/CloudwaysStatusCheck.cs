using Bastion.Core;
using Bastion.Core.Credentials;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Status;

/// <summary>
/// The connection check behind cloudways_status: reads the caller's stored credentials (never passed on), times one
/// light call (<c>GET /providers</c>, token exchange included) and reports the exchanged token's state from the
/// <see cref="CloudwaysAuth"/> provider. Never throws for a Cloudways failure: it is the answer.
/// </summary>
internal sealed class CloudwaysStatusCheck(CloudwaysClient client, CloudwaysAuth auth, TimeProvider clock)
{
    /// <summary>Checks the connection now.</summary>
    /// <returns>Configuration, reachability, authentication, latency in seconds, token state and advice.</returns>
    public async Task<CloudwaysStatus> CheckAsync(CancellationToken cancellationToken)
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
