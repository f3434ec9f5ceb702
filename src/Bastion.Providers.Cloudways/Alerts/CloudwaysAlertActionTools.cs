using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Alerts;

/// <summary>Marking CloudwaysBot alerts read (a write: needs platform:manage).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysAlertActionTools(CloudwaysClient client)
{
    [McpServerTool(Name = "cloudways_alert_mark_read", Title = "Mark Cloudways alerts read", ReadOnly = false, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Mark a CloudwaysBot alert, or all, read.")]
    public async Task<AlertMarkResult> MarkReadAsync(
        [Description("Alert id, or all=true.")][Range(1, long.MaxValue)] long? alert_id = null,
        [Description("Mark every alert read.")] bool all = false,
        CancellationToken cancellationToken = default)
    {
        if ((alert_id is null) == !all)
        {
            throw new BastionException("Give either alert_id or all=true (not both).");
        }

        var path = all ? "/alert/markAllRead" : $"/alert/markAsRead/{alert_id}";
        var answer = await client.PostAsync(path, cancellationToken);
        return new AlertMarkResult(alert_id, all, answer.Text("message") ?? "done");
    }
}
