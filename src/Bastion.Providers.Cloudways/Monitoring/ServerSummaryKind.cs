namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>What a server's monitoring summary reports (Cloudways' <c>type</c>: bw or db).</summary>
internal enum ServerSummaryKind
{
    /// <summary>Bandwidth used (<c>type=bw</c>).</summary>
    Bandwidth,

    /// <summary>Size on disk of each app (<c>type=db</c>).</summary>
    Disk,
}
