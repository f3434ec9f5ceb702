using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Servers;

/// <summary>A server as Alpacon reports it (<c>/api/servers/servers/</c>).</summary>
internal sealed record AlpaconServerInfo(
    [property: Description("Its Bastion host name (what host tools take as target); null when the inventory has not listed it yet.")] string? Host,
    [property: Description("Alpacon workspace.")] string Workspace,
    [property: Description("Alpacon's server id (UUID).")] string Id,
    [property: Description("Alpacon's server name.")] string Name,
    [property: Description("Address Alpacon sees the server at; null when unknown.")] string? RemoteIp,
    [property: Description("True when the server's agent is connected to Alpacon; commands reach only connected servers.")] bool? Connected,
    [property: Description("Operating system name, e.g. Ubuntu.")] string? Os,
    [property: Description("Operating system version, e.g. 22.04.")] string? OsVersion,
    [property: Description("Load average Alpacon last recorded.")] double? Load,
    [property: Description("Boot time, UTC ISO-8601.")] DateTimeOffset? BootTime,
    [property: Description("Alpacon's status text, e.g. Connected.")] string? Status,
    [property: Description("Logical CPU cores.")] int? CpuCores,
    [property: Description("Physical memory in bytes.")] long? MemoryBytes);
