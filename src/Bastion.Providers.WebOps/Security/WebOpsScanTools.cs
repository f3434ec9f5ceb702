using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.WebOps.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.WebOps.Security;

/// <summary>Asking WebOps for a security scan (operator mode, scope platform:manage).</summary>
[McpServerToolType]
[Toolset("webops", Scopes.PlatformManage)]
internal sealed class WebOpsScanTools(WebOpsClient client)
{
    [TargetIsNotHost]
    [McpServerTool(Name = "webops_security_scan", Title = "Start a WebOps security scan", ReadOnly = false, Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Ask WebOps to run a security scan (malware, vulnerability, compliance, configuration, access_control, backup_verification or comprehensive); returns its id. Changes nothing on the server; totals via webops_security_audit. Source: WebOps POST /compliance/api/scan-now/.")]
    public async Task<ScanResult> ScanAsync(
        [Description("What kind of scan.")] ScanType scan_type = ScanType.Comprehensive,
        [Description("What to scan: system (the WebOps server) or a deployment's name.")][RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")] string target = "system",
        CancellationToken cancellationToken = default)
    {
        var type = JsonNamingPolicy.SnakeCaseLower.ConvertName(scan_type.ToString());
        var (id, message) = await client.ScanAsync(type, target, cancellationToken);
        return new ScanResult(id, type, target, message, [WebOpsSecurityTools.ScanCaveat]);
    }
}
