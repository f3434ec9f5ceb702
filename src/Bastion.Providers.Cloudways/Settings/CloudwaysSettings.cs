using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Settings;

/// <summary>
/// Writes server and app settings, then reads them back: <c>POST /server/manage/settings</c> (server_id and the
/// settings given) read back with <c>GET /server/manage/settings</c> (<c>{"settings": {…}}</c>);
/// <c>POST /app/manage/fpm_setting</c> (server_id, app_id, fpm_setting) read back with the GET of the same path;
/// <c>POST /app/manage/varnish_setting</c> (server_id, app_id, vcl_list; an operation, waited for) read back likewise.
/// Only the settings given are sent; the answer holds the settings as Cloudways reports them afterwards.
/// </summary>
internal sealed class CloudwaysSettings(CloudwaysClient client, CloudwaysChanges changes)
{
    /// <summary>What the settings action accepts, for the error when it has none.</summary>
    public static readonly string SettingsAccepted = $"name=value pairs, e.g. [\"memory_limit=512\", \"execution_limit=120\"]; names: {ServerSettings.Names}";

    /// <summary>Sends the change, follows it to its end, and returns it with the settings read back as its answer.</summary>
    /// <exception cref="BastionException">An argument is missing, unknown or of the wrong type (which target takes which argument is the change tools' ParameterUse tables).</exception>
    /// <exception cref="PlatformException">Cloudways refused the change or the read, or its operation failed.</exception>
    public async Task<ChangeResult> ChangeAsync(long serverId, SettingsTarget target, long? appId, IReadOnlyList<string>? settings, string? fpm, IReadOnlyList<string>? varnishExclude, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var request = Build(serverId, target, appId, settings, fpm, varnishExclude);
        var result = await changes.RunAsync(request, wait: true, progress, cancellationToken);
        var after = target == SettingsTarget.Server
            ? await client.GetAsync("/server/manage/settings", cancellationToken, CloudwaysClient.Field("server_id", serverId))
            : await client.GetAsync(request.Path, cancellationToken, CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("app_id", request.AppId!.Value));
        var read = target == SettingsTarget.Server ? after.Field("settings") ?? after : after.Field("response") ?? after;
        var (value, cut) = JsonBounds.Cut(read, CloudwaysChanges.AnswerItems);
        var answer = new JsonObject { ["settings_after"] = JsonNode.Parse(value.GetRawText()) };
        return result with { Answer = JsonSerializer.SerializeToElement(answer, CommonJson.Default.JsonObject), Truncated = result.Truncated || cut };
    }

    /// <summary>The Cloudways call for <paramref name="target"/>, checked before anything is sent.</summary>
    /// <exception cref="BastionException">An argument is missing, unknown or of the wrong type (which target takes which argument is the change tools' ParameterUse tables).</exception>
    public static ChangeRequest Build(long serverId, SettingsTarget target, long? appId, IReadOnlyList<string>? settings, string? fpm, IReadOnlyList<string>? varnishExclude)
    {
        switch (target)
        {
            case SettingsTarget.Server:
                var given = ActionArgs.NeedList(settings, "settings", "settings", SettingsAccepted);
                var parsed = ServerSettings.Parse(given);
                return ChangeRequest.Post("settings", "/server/manage/settings", serverId, null,
                    $"settings {string.Join(", ", parsed.Select(p => p.Key))} of server {serverId}", [.. parsed]);
            case SettingsTarget.AppFpm:
                var fpmApp = ActionArgs.NeedApp(appId, "fpm");
                return ChangeRequest.Post("fpm", "/app/manage/fpm_setting", serverId, fpmApp, $"PHP-FPM settings of app {fpmApp}",
                    CloudwaysClient.Field("fpm_setting", AppSettingsInput.Fpm(fpm)));
            default:
                var varnishApp = ActionArgs.NeedApp(appId, "varnish_exclude");
                return ChangeRequest.Post("varnish_exclude", "/app/manage/varnish_setting", serverId, varnishApp, $"Varnish rules of app {varnishApp}",
                    CloudwaysClient.Field("vcl_list", AppSettingsInput.VarnishRules(varnishExclude)));
        }
    }
}
