using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Domains;

/// <summary>An app's domain and HTTPS redirect (destructive: a wrong domain takes the site off its name; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysAppDomainTools(CloudwaysChanges changes)
{
    [McpServerTool(Name = "cloudways_app_domain", Title = "Cloudways app domain and HTTPS", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Set (cname_update) or remove (cname_delete) an app's primary domain; https_on / https_off redirect HTTP to HTTPS.")]
    public Task<ChangeResult> RunAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("cname_update, cname_delete, https_on or https_off.")] DomainAction action,
        [Description("cname_update: the domain, e.g. shop.example.com.")][StringLength(253)] string? cname = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        changes.RunAsync(Build(server_id, app_id, action, cname), wait: true, progress.AsSteps(), cancellationToken);

    /// <summary>The Cloudways call for <paramref name="action"/>.</summary>
    /// <exception cref="Core.BastionException">cname is missing for cname_update, or given to another action.</exception>
    public static ChangeRequest Build(long serverId, long appId, DomainAction action, string? cname)
    {
        if (action != DomainAction.CnameUpdate)
        {
            ActionArgs.Unused(cname, "cname", action == DomainAction.CnameDelete ? "cname_delete" : action == DomainAction.HttpsOn ? "https_on" : "https_off");
        }

        return action switch
        {
            DomainAction.CnameUpdate => ChangeRequest.Post("cname_update", "/app/manage/cname", serverId, appId, $"domain of app {appId}",
                CloudwaysClient.Field("cname", ActionArgs.Need(cname, "cname", "cname_update", "the domain, e.g. shop.example.com"))),
            DomainAction.CnameDelete => ChangeRequest.Delete("cname_delete", "/app/manage/cname", serverId, appId, $"removal of app {appId}'s domain"),
            DomainAction.HttpsOn => ChangeRequest.Post("https_on", "/app/manage/enforce_https", serverId, appId, $"HTTPS redirect of app {appId}", CloudwaysClient.Field("status", "enable")),
            _ => ChangeRequest.Post("https_off", "/app/manage/enforce_https", serverId, appId, $"HTTPS redirect of app {appId}", CloudwaysClient.Field("status", "disable")),
        };
    }
}
