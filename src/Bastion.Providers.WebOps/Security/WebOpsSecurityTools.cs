using System.ComponentModel;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.WebOps.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Security;

/// <summary>WebOps's security and compliance figures.</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformRead)]
internal sealed class WebOpsSecurityTools(WebOpsClient client)
{
    /// <summary>What WebOps's JSON does and does not say about scans.</summary>
    internal const string ScanCaveat =
        "WebOps shows each scan's findings only on its web pages (/compliance/scans/{scan_id}/); its JSON gives counts. " +
        "At the version Bastion was built against (06ba752) its scanner is a placeholder that records every scan as completed with a sample score, so treat scan counts as bookkeeping, not evidence.";

    [McpServerTool(Name = "webops_security_audit", Title = "WebOps security audit results", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Security and compliance figures of WebOps: frameworks and controls, automated share (percent), scans and compliance alerts in the last 7 days, open alerts. Source: WebOps GET /compliance/api/dashboard-stats/.")]
    public async Task<SecurityAudit> AuditAsync(CancellationToken cancellationToken = default)
    {
        var json = await client.ComplianceStatsAsync(cancellationToken);
        var notes = new List<string> { ScanCaveat };
        if (json.Int("active_alerts") is > 0 and var open)
        {
            notes.Insert(0, $"{open} compliance alert(s) are open; WebOps lists them at /compliance/alerts/.");
        }

        return new SecurityAudit(
            json.Int("total_frameworks"),
            json.Int("total_controls"),
            json.Int("automated_controls"),
            json.Num("automation_percentage") is { } p ? Math.Round(p, 1) : null,
            json.Int("recent_scans"),
            json.Int("recent_alerts"),
            json.Int("active_alerts"),
            notes);
    }
}
