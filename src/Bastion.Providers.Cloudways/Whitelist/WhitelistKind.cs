using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Whitelist;

/// <summary>Which IP whitelist of a server (Cloudways' <c>tab</c>).</summary>
internal enum WhitelistKind
{
    /// <summary>SSH/SFTP (<c>GET /security/whitelisted</c>).</summary>
    [JsonStringEnumMemberName("sftp")]
    Sftp,

    /// <summary>Remote MySQL (<c>GET /security/whitelistedIpsMysql</c>).</summary>
    [JsonStringEnumMemberName("mysql")]
    Mysql,
}
