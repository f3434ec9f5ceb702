using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Whitelist;

/// <summary>Reading a server's IP whitelists (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysWhitelistTools(CloudwaysWhitelists whitelists)
{
    [McpServerTool(Name = "cloudways_whitelist", Title = "Cloudways IP whitelist", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("IPs allowed to reach a server over SSH/SFTP (sftp) or MySQL (mysql).")]
    public async Task<CloudwaysData> ListAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("sftp or mysql.")] WhitelistKind list = WhitelistKind.Sftp,
        CancellationToken cancellationToken = default)
    {
        var ips = await whitelists.ListAsync(server_id, list, cancellationToken);
        var source = list == WhitelistKind.Sftp ? "GET /security/whitelisted" : "GET /security/whitelistedIpsMysql";
        return CloudwaysData.Of(source, JsonSerializer.SerializeToElement(new JsonObject { ["ip_list"] = new JsonArray([.. ips.Select(ip => JsonValue.Create(ip))]) }, CommonJson.Default.JsonObject), 500);
    }
}
