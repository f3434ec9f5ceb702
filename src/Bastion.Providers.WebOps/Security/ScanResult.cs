using System.ComponentModel;

namespace Bastion.Providers.WebOps.Security;

/// <summary>Result of webops_security_scan.</summary>
internal sealed record ScanResult(
    [property: Description("WebOps's id of the scan; its page is /compliance/scans/{scan_id}/ in WebOps's web interface.")] string ScanId,
    [property: Description("The scan type asked for.")] string ScanType,
    [property: Description("What was scanned, e.g. system.")] string Target,
    [property: Description("WebOps's answer, e.g. 'Scan initiated successfully'.")] string Message,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
