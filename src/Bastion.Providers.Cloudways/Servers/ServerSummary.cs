using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Apps;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>A server in <c>cloudways_list</c> resource servers, from <c>GET /server</c>.</summary>
internal sealed record ServerSummary(
    [property: Description("Cloudways server id (the server_id of the other cloudways_ tools).")] long Id,
    [property: Description("Bastion host name of the server (hosts_list, label backend=cloudways).")] string Host,
    [property: Description("The server's label in Cloudways.")] string? Label,
    [property: Description("Cloudways' state of the server, e.g. running, stopped.")] string? Status,
    [property: Description("Cloud provider code, e.g. do, vultr, linode, amazon, gce.")] string? Provider,
    [property: Description("Provider region code, e.g. lon1.")] string? Region,
    [property: Description("Instance size as Cloudways names it, e.g. 2GB.")] string? Size,
    [property: Description("Public IPv4 address.")] string? PublicIp,
    [property: Description("Cloudways' host name of the server.")] string? Fqdn,
    [property: Description("Apps on the server.")] int AppCount,
    [property: Description("The server's apps (id, label, application); cloudways_app gives their details.")] IReadOnlyList<AppSummary> Apps)
{
    public static ServerSummary From(JsonElement server, string host)
    {
        var apps = LenientJson.Values(server.Field("apps")).Select(AppSummary.From).ToList();
        return new ServerSummary(
            server.Long("id") ?? 0,
            host,
            server.Text("label"),
            server.Text("status"),
            server.Text("cloud"),
            server.Text("region"),
            server.Text("instance_type"),
            server.Text("public_ip"),
            server.Text("server_fqdn"),
            apps.Count,
            apps);
    }
}
