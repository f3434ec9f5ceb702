using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Domains;

/// <summary>An app's primary domain and HTTPS redirect as a Cloudways call (actions of cloudways_app_change).</summary>
internal static class DomainChange
{
    /// <summary>What cname_update's cname accepts.</summary>
    public const string CnameAccepted = "the domain, e.g. shop.example.com";

    /// <summary>The Cloudways call for <paramref name="action"/>.</summary>
    /// <exception cref="Core.BastionException">cname is missing for cname_update (which action takes cname is cloudways_app_change's ParameterUse table).</exception>
    public static ChangeRequest Build(long serverId, long appId, DomainAction action, string? cname)
    {

        return action switch
        {
            DomainAction.CnameUpdate => ChangeRequest.Post("cname_update", "/app/manage/cname", serverId, appId, $"domain of app {appId}",
                CloudwaysClient.Field("cname", ActionArgs.Need(cname, "cname", "cname_update", CnameAccepted))),
            DomainAction.CnameDelete => ChangeRequest.Delete("cname_delete", "/app/manage/cname", serverId, appId, $"removal of app {appId}'s domain"),
            DomainAction.HttpsOn => ChangeRequest.Post("https_on", "/app/manage/enforce_https", serverId, appId, $"HTTPS redirect of app {appId}", CloudwaysClient.Field("status", "enable")),
            _ => ChangeRequest.Post("https_off", "/app/manage/enforce_https", serverId, appId, $"HTTPS redirect of app {appId}", CloudwaysClient.Field("status", "disable")),
        };
    }
}
