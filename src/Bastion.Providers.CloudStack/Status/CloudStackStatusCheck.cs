using System.Diagnostics;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Infrastructure;

namespace Bastion.Providers.CloudStack.Status;

/// <summary>Whether the stored credentials reach CloudStack: one signed or session <c>listZones</c>, timed. Never throws for a platform error: the result says it.</summary>
internal sealed class CloudStackStatusCheck(CloudStackClient client)
{
    public async Task<CloudStackStatus> CheckAsync(CancellationToken cancellationToken)
    {
        CloudStackSettings settings;
        try
        {
            settings = client.Settings;
        }
        catch (PlatformException e)
        {
            return new CloudStackStatus(false, null, false, null, null, false, e.Message);
        }

        var mode = settings.Mode == CloudStackAuthMode.ApiKey ? "api_key" : "session";
        var started = Stopwatch.GetTimestamp();
        double Elapsed() => Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1);
        try
        {
            var zones = await client.ListAsync("listZones", "zone", new Dictionary<string, string?>(), 1, Zone.From, cancellationToken);
            return new CloudStackStatus(true, mode, true, Elapsed(), zones.Total, settings.SshUser is not null, null);
        }
        catch (PlatformException e)
        {
            return new CloudStackStatus(true, mode, false, Elapsed(), null, settings.SshUser is not null, e.Message);
        }
    }
}
