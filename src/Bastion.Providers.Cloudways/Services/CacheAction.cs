using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Services;

/// <summary>A cache action of cloudways_server_change or cloudways_app_change.</summary>
internal enum CacheAction
{
    /// <summary>Turn Varnish on for the server, or for one app (<c>POST /service/varnish</c> or <c>/service/appVarnish</c>, action enable).</summary>
    [JsonStringEnumMemberName("varnish_enable")]
    VarnishEnable,

    /// <summary>Turn Varnish off for the server, or for one app.</summary>
    [JsonStringEnumMemberName("varnish_disable")]
    VarnishDisable,

    /// <summary>Purge the server's Varnish cache (<c>POST /service/varnish</c>, action purge).</summary>
    [JsonStringEnumMemberName("varnish_purge")]
    VarnishPurge,

    /// <summary>Purge one app's cache (<c>POST /app/cache/purge</c>).</summary>
    [JsonStringEnumMemberName("app_purge")]
    AppPurge,
}
