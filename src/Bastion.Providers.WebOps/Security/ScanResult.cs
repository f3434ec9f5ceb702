using System.ComponentModel;

namespace Bastion.Providers.WebOps.Security;

/// <summary>A scan WebOps recorded (webops_deployment_control action=scan). Source: WebOps POST /compliance/api/scan-now/.</summary>
internal sealed record ScanResult(
    [property: Description("WebOps's id of the scan; its page is /compliance/scans/{scan_id}/ in WebOps's web interface.")] string ScanId,
    [property: Description("The scan type asked for.")] string ScanType,
    [property: Description("What was scanned, e.g. system.")] string Target,
    [property: Description("WebOps's answer, e.g. 'Scan initiated successfully'.")] string Message,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes)
{
    /// <summary>What WebOps's JSON does and does not say about scans (a note of every scan and security figure).</summary>
    public const string Caveat =
        "WebOps shows each scan's findings only on its web pages (/compliance/scans/{scan_id}/); its JSON gives counts. " +
        "At the version Bastion was built against (06ba752) its scanner is a placeholder that records every scan as completed with a sample score, so treat scan counts as bookkeeping, not evidence.";
}
