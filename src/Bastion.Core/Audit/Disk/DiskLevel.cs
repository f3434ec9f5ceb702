namespace Bastion.Core.Audit.Disk;

/// <summary>Where the free space of the audit log's file system stands against its watermarks.</summary>
public enum DiskLevel
{
    /// <summary>Above the low watermark (or no watermark set).</summary>
    Ok,

    /// <summary>Under the low watermark: <c>/readyz</c> is unready and a warning is logged; calls still run.</summary>
    Low,

    /// <summary>Under the floor: calls are refused before they run; outcomes of calls already running are still written.</summary>
    Floor,
}
