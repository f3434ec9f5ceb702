using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>
/// Starting a stopped Cloudways server: a write that takes nothing away, so it is not destructive and the pipeline does
/// not ask first (stop and restart, which are, are actions of cloudways_server_change).
/// </summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysPowerTools(CloudwaysPower power)
{
    [McpServerTool(Name = "cloudways_server_start", Title = "Start a Cloudways server", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Start a stopped Cloudways server and wait until done.")]
    public Task<PowerResult> StartAsync(
        [Description("Server id, or host.")][Range(1, long.MaxValue)] long? server_id = null,
        [Description("Bastion host name.")][StringLength(63)] string? host = null,
        [Description("False returns the operation id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        power.RunAsync(PowerAction.Start, power.ServerId(server_id, host), host, wait, progress.AsSteps(), cancellationToken);
}
