using System.Text.Json.Nodes;

namespace Bastion.Fakes.Alpacon;

/// <summary>A server the fake knows. Its "agent" is the fake's own machine: commands run there, as the fake's user.</summary>
/// <param name="Id">UUID.</param>
/// <param name="Name">Server name.</param>
/// <param name="Hostname">When set and the fake runs as root, commands run in their own UTS namespace answering `hostname` with this name.</param>
public sealed record FakeServer(string Id, string Name, string? Hostname = null)
{
    public bool Connected { get; set; } = true;

    public string RemoteIp { get; init; } = "198.51.100.7";

    public JsonObject Summary() => new() { ["id"] = Id, ["name"] = Name, ["os"] = "debian", ["is_connected"] = Connected };

    public JsonObject Detail() => new()
    {
        ["id"] = Id,
        ["name"] = Name,
        ["remote_ip"] = RemoteIp,
        ["is_connected"] = Connected,
        ["commissioned"] = true,
        ["starred"] = false,
        ["cpu_physical_cores"] = Environment.ProcessorCount,
        ["cpu_logical_cores"] = Environment.ProcessorCount,
        ["cpu_type"] = "fake",
        ["physical_memory"] = 17179869184L,
        ["os_name"] = "Debian",
        ["os_version"] = "12",
        ["load"] = 0.42,
        ["boot_time"] = "2025-10-01T03:12:00Z",
        ["status"] = new JsonObject { ["code"] = Connected ? "ok" : "disconnected", ["text"] = Connected ? "Connected" : "Disconnected" },
        ["owner"] = new JsonObject { ["id"] = "u-1", ["name"] = "kim", ["email"] = "kim@example.com" },
        ["groups"] = new JsonArray("ops"),
    };
}
