using System.Text.Json;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Hosts;

/// <summary>A server as Alpacon's <c>/api/servers/servers/</c> describes it (the fields Bastion uses).</summary>
internal sealed record AlpaconServer(
    string Workspace,
    string Id,
    string Name,
    string? RemoteIp,
    bool? Connected,
    string? OsName,
    string? OsVersion,
    double? Load,
    DateTimeOffset? BootTime,
    string? Status,
    int? LogicalCores,
    long? MemoryBytes)
{
    /// <summary>Reads one server object; null when it has no id or name.</summary>
    public static AlpaconServer? From(string workspace, JsonElement server)
    {
        var id = server.Str("id");
        var name = server.Str("name");
        if (id is null || name is null)
        {
            return null;
        }

        return new AlpaconServer(
            workspace,
            id,
            name,
            server.Str("remote_ip"),
            server.Bool("is_connected"),
            server.Str("os_name") ?? server.Str("os"),
            server.Str("os_version"),
            server.Num("load"),
            server.Time("boot_time"),
            server.Field("status") is { ValueKind: JsonValueKind.Object } status ? status.Str("text") ?? status.Str("code") : server.Str("status"),
            server.Int("cpu_logical_cores"),
            server.Long("physical_memory"));
    }
}
