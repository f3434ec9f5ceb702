using System.ComponentModel;
using System.Diagnostics;
using Bastion.Core.Policy;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Infrastructure;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.CloudStack.Status;

/// <summary>Whether Bastion reaches CloudStack with the stored credentials (scope <c>platform:read</c>).</summary>
[McpServerToolType]
[Toolset("cloudstack", Scopes.PlatformRead)]
internal sealed class CloudStackStatusTools(CloudStackClient client)
{
    [McpServerTool(Name = "cloudstack_status", Title = "CloudStack connection status", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Check Bastion's connection to CloudStack: whether credentials are stored, how calls authenticate (api_key or session), whether a call (listZones) succeeds and how long it took, and whether VMs are mapped to SSH hosts. Never shows a key, password or session. Use it first when other cloudstack_* tools fail, or to learn which vault values to set.")]
    public async Task<CloudStackStatus> StatusAsync(CancellationToken cancellationToken = default)
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
        try
        {
            var zones = await client.ListAsync("listZones", "zone", new Dictionary<string, string?>(), 1, Zone.From, cancellationToken);
            return new CloudStackStatus(true, mode, true, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), zones.Total, settings.SshUser is not null, null);
        }
        catch (PlatformException e)
        {
            return new CloudStackStatus(true, mode, false, Math.Round(Stopwatch.GetElapsedTime(started).TotalMilliseconds, 1), null, settings.SshUser is not null, e.Message);
        }
    }
}
