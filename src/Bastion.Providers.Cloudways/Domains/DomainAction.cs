using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Domains;

/// <summary>A domain action of cloudways_app_change.</summary>
internal enum DomainAction
{
    /// <summary>Set the app's primary domain (<c>POST /app/manage/cname</c>: cname).</summary>
    [JsonStringEnumMemberName("cname_update")]
    CnameUpdate,

    /// <summary>Remove it (<c>DELETE /app/manage/cname</c>).</summary>
    [JsonStringEnumMemberName("cname_delete")]
    CnameDelete,

    /// <summary>Redirect HTTP to HTTPS (<c>POST /app/manage/enforce_https</c>: status enable).</summary>
    [JsonStringEnumMemberName("https_on")]
    HttpsOn,

    /// <summary>Stop redirecting (status disable).</summary>
    [JsonStringEnumMemberName("https_off")]
    HttpsOff,
}
