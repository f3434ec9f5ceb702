using System.ComponentModel;

namespace Bastion.Providers.WebOps.Security;

/// <summary>WebOps's security and compliance figures (webops_status resource=security), from <c>/compliance/api/dashboard-stats/</c>.</summary>
internal sealed record SecurityAudit(
    [property: Description("Active compliance frameworks (e.g. SOC 2, ISO 27001) WebOps tracks.")] int? Frameworks,
    [property: Description("Compliance controls defined.")] int? Controls,
    [property: Description("Of those, checked automatically.")] int? AutomatedControls,
    [property: Description("Automated share of the controls, percent 0-100.")] double? AutomationPercent,
    [property: Description("Security scans completed in the last 7 days.")] int? ScansLast7Days,
    [property: Description("Compliance alerts raised in the last 7 days.")] int? AlertsLast7Days,
    [property: Description("Compliance alerts not resolved.")] int? OpenAlerts,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
