namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>What a monitoring summary reports (Cloudways' <c>type</c>: bw, db, summary).</summary>
internal enum SummaryKind
{
    /// <summary>Bandwidth used (<c>type=bw</c>).</summary>
    Bandwidth,

    /// <summary>Size on disk per application (<c>type=db</c>).</summary>
    Disk,

    /// <summary>App only: the app's files and database sizes together (<c>type=summary</c>).</summary>
    Summary,
}
