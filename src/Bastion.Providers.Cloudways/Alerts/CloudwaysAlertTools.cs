using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Alerts;

/// <summary>CloudwaysBot alerts (read-only listing; marking them read is in the operations toolset).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysAlertTools(CloudwaysAlerts alerts)
{
    [McpServerTool(Name = "cloudways_alerts_list", Title = "List Cloudways alerts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("CloudwaysBot alerts (disk, inode, CPU, memory, service, backup, billing): id, server, app, subject, description, values. Mark them read with cloudways_alert_mark_read.")]
    public Task<AlertList> ListAsync(
        [Description("Most alerts to return (1-1000).")][Range(1, 1000)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        alerts.ListAsync(limit, cancellationToken);
}
