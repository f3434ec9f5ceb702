using System.Text.Json;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Hosts;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>
/// The account's servers from <c>GET /server</c> (<c>{"status": true, "servers": [...]}</c>, apps embedded, terminated
/// servers left out), each with its Bastion host name. v1 has no single-server call, so one server is found in the list.
/// </summary>
internal sealed class CloudwaysServers(CloudwaysClient client)
{
    /// <summary>Every live server, with its host name.</summary>
    public async Task<IReadOnlyList<(JsonElement Server, string Host)>> ListAsync(CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync("/server", cancellationToken);
        var servers = LenientJson.Values(answer.Field("servers"))
            .Where(s => s.Long("id") is not null && s.Flag("is_terminated") != true)
            .ToList();
        var names = CloudwaysHostNames.For(servers.Select(s => (s.Long("id")!.Value, s.Text("label"))));
        return [.. servers.Select(s => (s, names[s.Long("id")!.Value]))];
    }

    /// <summary>Server <paramref name="id"/>, with its host name.</summary>
    /// <exception cref="PlatformException">The account has no such server.</exception>
    public async Task<(JsonElement Server, string Host)> FindAsync(long id, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        foreach (var entry in all)
        {
            if (entry.Server.Long("id") == id)
            {
                return entry;
            }
        }

        var known = string.Join(", ", all.Take(20).Select(e => $"{e.Server.Long("id")} ({e.Host})"));
        throw new PlatformException(CloudwaysApi.Platform, $"no server with id {id} in this account{(known.Length > 0 ? $"; servers: {known}" : " (it has no servers)")}.");
    }

    /// <summary>App <paramref name="appId"/> of server <paramref name="serverId"/>.</summary>
    /// <exception cref="PlatformException">No such server, or the server has no such app.</exception>
    public async Task<JsonElement> FindAppAsync(long serverId, long appId, CancellationToken cancellationToken)
    {
        var (server, host) = await FindAsync(serverId, cancellationToken);
        var apps = LenientJson.Values(server.Field("apps")).ToList();
        return apps.FirstOrDefault(a => a.Long("id") == appId) is { ValueKind: JsonValueKind.Object } app
            ? app
            : throw new PlatformException(CloudwaysApi.Platform, $"server {serverId} ({host}) has no app with id {appId}; its apps: {(apps.Count == 0 ? "none" : string.Join(", ", apps.Take(20).Select(a => $"{a.Long("id")} ({a.Text("label")})")))}.");
    }
}
