using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Whitelist;

/// <summary>A whitelist action of cloudways_server_change.</summary>
internal enum WhitelistAction
{
    /// <summary>Allow more IPs.</summary>
    [JsonStringEnumMemberName("add")]
    Add,

    /// <summary>Take IPs off: they lose access.</summary>
    [JsonStringEnumMemberName("remove")]
    Remove,
}
