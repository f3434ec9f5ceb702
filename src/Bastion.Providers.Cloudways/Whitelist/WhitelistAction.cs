using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Whitelist;

/// <summary>What cloudways_whitelist_change does to the list.</summary>
internal enum WhitelistAction
{
    /// <summary>Allow more IPs.</summary>
    [JsonStringEnumMemberName("add")]
    Add,

    /// <summary>Take IPs off: they lose access.</summary>
    [JsonStringEnumMemberName("remove")]
    Remove,
}
