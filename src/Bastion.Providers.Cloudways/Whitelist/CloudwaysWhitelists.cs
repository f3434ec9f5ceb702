using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Whitelist;

/// <summary>
/// A server's IP whitelists for SSH/SFTP and MySQL. Cloudways replaces a whole list at once
/// (<c>POST /security/whitelisted</c>: server_id, tab sftp|mysql, ips[]), so add and remove read the list
/// (<c>GET /security/whitelisted</c> or <c>/security/whitelistedIpsMysql</c>, <c>{"ip_list": […]}</c>), change it and
/// send it back, then read it again for the answer.
/// </summary>
internal sealed class CloudwaysWhitelists(CloudwaysClient client, CloudwaysChanges changes)
{
    /// <summary>The IPs on the list.</summary>
    /// <exception cref="PlatformException">Cloudways refused the call.</exception>
    public async Task<IReadOnlyList<string>> ListAsync(long serverId, WhitelistKind kind, CancellationToken cancellationToken)
    {
        var path = kind == WhitelistKind.Sftp ? "/security/whitelisted" : "/security/whitelistedIpsMysql";
        var answer = await client.GetAsync(path, cancellationToken, CloudwaysClient.Field("server_id", serverId));
        return [.. LenientJson.Values(answer.Field("ip_list")).Select(v => v.ValueKind == JsonValueKind.String ? v.GetString()! : v.GetRawText())];
    }

    /// <summary>Adds or removes <paramref name="ips"/>; the answer holds the list as Cloudways has it afterwards.</summary>
    /// <exception cref="BastionException">No IPs, or one is not an IP address (v4 or v6, optionally with a /prefix).</exception>
    /// <exception cref="PlatformException">Cloudways refused a call.</exception>
    public async Task<ChangeResult> ChangeAsync(long serverId, WhitelistKind kind, WhitelistAction action, IReadOnlyList<string>? ips, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var name = $"whitelist_{action.ToString().ToLowerInvariant()}";
        var given = ActionArgs.NeedList(ips, "ips", name, "IP addresses, e.g. [\"198.51.100.7\"]");
        if (given.FirstOrDefault(ip => !IPNetwork.TryParse(ip, out _) && !IPAddress.TryParse(ip, out _)) is { } bad)
        {
            throw new BastionException($"'{bad}' is not an IP address (IPv4 or IPv6, optionally with a /prefix).");
        }

        var tab = kind == WhitelistKind.Sftp ? "sftp" : "mysql";
        var current = await ListAsync(serverId, kind, cancellationToken);
        var next = action == WhitelistAction.Add
            ? [.. current, .. given.Where(ip => !current.Contains(ip))]
            : current.Where(ip => !given.Contains(ip)).ToList();
        var request = ChangeRequest.Post(name, "/security/whitelisted", serverId, null, $"{tab} whitelist of server {serverId}",
            [CloudwaysClient.Field("tab", tab), .. next.Select(ip => CloudwaysClient.Field("ips[]", ip))]);
        var result = await changes.RunAsync(request, wait: true, progress, cancellationToken);
        var after = await ListAsync(serverId, kind, cancellationToken);
        return result with { Answer = JsonSerializer.SerializeToElement(new JsonObject { ["list"] = tab, ["ip_list"] = new JsonArray([.. after.Select(ip => JsonValue.Create(ip))]) }, CommonJson.Default.JsonObject) };
    }
}
