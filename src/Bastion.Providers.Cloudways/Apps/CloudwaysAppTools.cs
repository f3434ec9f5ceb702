using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Servers;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Apps;

/// <summary>Cloudways applications: details and settings (read-only). Credentials are in <see cref="CloudwaysAppCredentialTools"/>.</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysAppTools(CloudwaysServers servers, CloudwaysClient client)
{
    [McpServerTool(Name = "cloudways_app_get", Title = "Cloudways app details", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One Cloudways app: type and version, domains, system user, database, project, web root. Passwords: cloudways_app_credentials.")]
    public async Task<CloudwaysApp> GetAsync(
        [Description("Cloudways server id of the app (cloudways_servers_list).")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id (cloudways_servers_list lists each server's apps).")][Range(1, long.MaxValue)] long app_id,
        CancellationToken cancellationToken = default) =>
        CloudwaysApp.From(await servers.FindAppAsync(server_id, app_id, cancellationToken), server_id);

    [McpServerTool(Name = "cloudways_app_settings", Title = "Cloudways app settings", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("An app's PHP-FPM pool and Varnish settings; a part that fails is reported in errors.")]
    public async Task<AppSettings> SettingsAsync(
        [Description("Cloudways server id of the app.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("Most items kept in each list of the answers (1-500).")][Range(1, 500)] int limit = 100,
        CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var truncated = false;
        async Task<JsonElement?> ReadAsync(string path)
        {
            try
            {
                var answer = await client.GetAsync(path, cancellationToken, CloudwaysClient.Field("server_id", server_id), CloudwaysClient.Field("app_id", app_id));
                var (value, cut) = JsonBounds.Cut(answer, limit);
                truncated |= cut;
                return value;
            }
            catch (PlatformException e) when (e.Status is not null)
            {
                errors.Add(e.Message);
                return null;
            }
        }

        var fpm = await ReadAsync("/app/manage/fpm_setting");
        var varnish = await ReadAsync("/app/manage/varnish_setting");
        return new AppSettings(server_id, app_id, fpm, varnish, errors, truncated);
    }
}
