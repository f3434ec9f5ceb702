namespace Bastion.Providers.WebOps.Status;

/// <summary>What webops_status reads (its <c>resource</c> argument), with the WebOps route behind each.</summary>
internal enum WebOpsStatusResource
{
    /// <summary>The server as a whole: GET /monitoring/api/system/health/ (and its history).</summary>
    Health,

    /// <summary>Whether Bastion reaches WebOps with the stored credentials: GET /api/deployments/?per_page=1.</summary>
    Connection,

    /// <summary>Security and compliance figures: GET /compliance/api/dashboard-stats/.</summary>
    Security,
}
