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
    [Description("The CloudwaysBot alerts of the account (disk, inode, CPU, memory, service, backup and billing notices): id, server and app, subject, description and the values the alert names. Follows Cloudways' cursor pages up to limit. Use it to see what Cloudways has been warning about; mark alerts read with cloudways_alert_mark_read.")]
    public Task<AlertList> ListAsync(
        [Description("Most alerts to return (1-1000).")][Range(1, 1000)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        alerts.ListAsync(limit, cancellationToken);
}
