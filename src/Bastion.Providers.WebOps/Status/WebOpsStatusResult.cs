using System.ComponentModel;
using System.Text.Json.Serialization;
using Bastion.Providers.WebOps.Health;
using Bastion.Providers.WebOps.Security;

namespace Bastion.Providers.WebOps.Status;

/// <summary>Result of webops_status: the resource read, under its own name (only that one property is present).</summary>
internal sealed record WebOpsStatusResult(
    [property: Description("The resource read: health, connection or security.")] string Resource)
{
    /// <summary>The server's health.</summary>
    [Description("resource=health: the WebOps server as a whole. Source: WebOps GET /monitoring/api/system/health/ (history: /monitoring/api/metrics/history/).")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SystemHealth? Health { get; init; }

    /// <summary>The connection check.</summary>
    [Description("resource=connection: whether Bastion reaches WebOps with the stored credentials. Source: WebOps GET /api/deployments/?per_page=1.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public WebOpsLink? Connection { get; init; }

    /// <summary>The security and compliance figures.</summary>
    [Description("resource=security: security and compliance figures. Source: WebOps GET /compliance/api/dashboard-stats/.")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SecurityAudit? Security { get; init; }
}
