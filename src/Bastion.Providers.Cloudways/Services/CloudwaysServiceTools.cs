using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Services;

/// <summary>A Cloudways server's services (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysServiceTools(CloudwaysServices services)
{
    [McpServerTool(Name = "cloudways_services", Title = "Cloudways server services", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("State of each service on a server (nginx, apache2, php-fpm, mysql, varnish, redis…); with app_id also the app's Varnish state.")]
    public Task<CloudwaysData> StatusAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("App id, to add the app's Varnish state.")][Range(1, long.MaxValue)] long? app_id = null,
        CancellationToken cancellationToken = default) =>
        services.StatusAsync(server_id, app_id, cancellationToken);
}
