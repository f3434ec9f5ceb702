using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Services;

/// <summary>Changing a Cloudways server's services and caches (destructive: the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysServiceControlTools(CloudwaysServices services)
{
    [McpServerTool(Name = "cloudways_service_control", Title = "Start/stop/restart a Cloudways service", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Start, stop or restart one service on a Cloudways server; returns its new state.")]
    public Task<ChangeResult> ControlAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Service name as cloudways_services reports it, e.g. nginx, php-fpm, mysql.")][StringLength(40)] string service,
        [Description("start, stop or restart.")] ServiceAction action,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        services.ControlAsync(server_id, service, action, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "cloudways_cache", Title = "Cloudways Varnish and app cache", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Varnish enable/disable (server, or app with app_id), server Varnish purge, or app cache purge.")]
    public Task<ChangeResult> CacheAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("varnish_enable, varnish_disable, varnish_purge (server) or app_purge (needs app_id).")] CacheAction action,
        [Description("App id: for app_purge, or to switch Varnish for one app.")][Range(1, long.MaxValue)] long? app_id = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        services.CacheAsync(server_id, app_id, action, progress.AsSteps(), cancellationToken);
}
