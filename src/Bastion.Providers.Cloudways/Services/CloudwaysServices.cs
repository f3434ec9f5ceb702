using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Services;

/// <summary>
/// A server's services and caches. Sources: <c>GET /service</c> (<c>{"services": {"status": {name: state}}}</c>),
/// <c>GET /service/appVarnish</c>, <c>POST /service/state</c> (server_id, service, state; answers
/// <c>{"service_status": {"status": …}}</c> at once), <c>POST /service/varnish</c> (server_id, action),
/// <c>POST /service/appVarnish</c> (server_id, app_id, action), <c>POST /app/cache/purge</c> (server_id, app_id).
/// </summary>
internal sealed partial class CloudwaysServices(CloudwaysClient client, CloudwaysChanges changes)
{
    /// <summary>The services' states of server <paramref name="serverId"/>, and the app's Varnish state when <paramref name="appId"/> is given.</summary>
    /// <exception cref="PlatformException">Cloudways refused a call.</exception>
    public async Task<CloudwaysData> StatusAsync(long serverId, long? appId, CancellationToken cancellationToken)
    {
        var services = await client.GetAsync("/service", cancellationToken, CloudwaysClient.Field("server_id", serverId));
        var data = new JsonObject { ["services"] = JsonNode.Parse((services.Field("services")?.Field("status") ?? services.Field("services") ?? services).GetRawText()) };
        var source = "GET /service";
        if (appId is { } app)
        {
            var varnish = await client.GetAsync("/service/appVarnish", cancellationToken, CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("app_id", app));
            data["app_varnish"] = JsonNode.Parse(varnish.GetRawText());
            source += ", GET /service/appVarnish";
        }

        return CloudwaysData.Of(source, JsonSerializer.SerializeToElement(data, CommonJson.Default.JsonObject), 100);
    }

    /// <summary>Starts, stops or restarts <paramref name="service"/> on the server.</summary>
    /// <exception cref="BastionException">The service name is not a plain name.</exception>
    /// <exception cref="PlatformException">Cloudways refused it (an unknown service: 422).</exception>
    public Task<ChangeResult> ControlAsync(long serverId, string service, ServiceAction action, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var name = service?.Trim() ?? string.Empty;
        if (!ServiceName().IsMatch(name))
        {
            throw new BastionException($"service '{service}' is not a service name: use the names cloudways_server resource services reports (e.g. nginx, apache2, php-fpm, mysql, varnish, memcached, redis-server, elasticsearch).");
        }

        var verb = action.ToString().ToLowerInvariant();
        return changes.RunAsync(
            ChangeRequest.Post($"service_{verb}", "/service/state", serverId, null, $"{verb} of {name} on server {serverId}", CloudwaysClient.Field("service", name), CloudwaysClient.Field("state", verb)),
            wait: true,
            progress,
            cancellationToken);
    }

    /// <summary>The cache change <paramref name="action"/>, server-wide or for one app.</summary>
    /// <exception cref="BastionException">The action needs an app id, or takes none.</exception>
    public Task<ChangeResult> CacheAsync(long serverId, long? appId, CacheAction action, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var request = action switch
        {
            CacheAction.AppPurge => ChangeRequest.Post("cache_purge", "/app/cache/purge", serverId, ActionArgs.NeedApp(appId, "cache_purge"), $"cache purge of app {appId}"),
            CacheAction.VarnishPurge when appId is not null => throw new BastionException("action 'varnish_purge' purges the whole server's Varnish; for one app use cloudways_app_change action 'cache_purge'."),
            CacheAction.VarnishPurge => ChangeRequest.Post("varnish_purge", "/service/varnish", serverId, null, $"Varnish purge on server {serverId}", CloudwaysClient.Field("action", "purge")),
            _ => Varnish(serverId, appId, action == CacheAction.VarnishEnable ? "enable" : "disable"),
        };
        return changes.RunAsync(request, wait: true, progress, cancellationToken);
    }

    private static ChangeRequest Varnish(long serverId, long? appId, string verb) => appId is { } app
        ? ChangeRequest.Post($"varnish_{verb}", "/service/appVarnish", serverId, app, $"Varnish {verb} for app {app}", CloudwaysClient.Field("action", verb))
        : ChangeRequest.Post($"varnish_{verb}", "/service/varnish", serverId, null, $"Varnish {verb} on server {serverId}", CloudwaysClient.Field("action", verb));

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,39}$")]
    private static partial Regex ServiceName();
}
