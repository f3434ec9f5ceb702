namespace Bastion.Core.Files;

/// <summary>Limits of file reads and transfers.</summary>
public sealed class FileTransferOptions
{
    /// <summary>Largest file or archive a transfer moves (default 1 GiB).</summary>
    public long MaxTransferBytes { get; init; } = 1L << 30;

    /// <summary>Time one transfer may take (default 10 minutes).</summary>
    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromMinutes(10);
}
