using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Services;

/// <summary>What a service action of cloudways_server_change does to a service (<c>POST /service/state</c>, field <c>state</c>).</summary>
internal enum ServiceAction
{
    /// <summary>Start a stopped service.</summary>
    [JsonStringEnumMemberName("start")]
    Start,

    /// <summary>Stop it: what depends on it fails until it is started.</summary>
    [JsonStringEnumMemberName("stop")]
    Stop,

    /// <summary>Restart it.</summary>
    [JsonStringEnumMemberName("restart")]
    Restart,
}
