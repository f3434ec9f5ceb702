using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Domains;

/// <summary>What cloudways_app_domain does.</summary>
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
