using Bastion.Core.Configuration;
using Bastion.Core.FanOut;
using Bastion.Core.Files;
using Bastion.Core.Logs;

namespace Bastion.Mcp;

/// <summary>What a Bastion server is allowed and where it keeps its state; set from the command line.</summary>
public sealed class BastionOptions
{
    /// <summary>The data directory and the files in it.</summary>
    public BastionPaths Paths { get; init; } = BastionPaths.Resolve();

    /// <summary>Serve commands_run (<c>--allow-commands</c>); off by default.</summary>
    public bool AllowCommands { get; init; }

    /// <summary>Serve files_download, files_download_dir and files_upload (<c>--allow-file-transfer</c>); off by default.</summary>
    public bool AllowFileTransfer { get; init; }

    /// <summary>What the logs tools may read.</summary>
    public LogsOptions Logs { get; init; } = new();

    /// <summary>Concurrency, host cap and per-host timeout of calls on many hosts.</summary>
    public FanOutOptions FanOut { get; init; } = new();

    /// <summary>Limits of file transfers.</summary>
    public FileTransferOptions Files { get; init; } = new();
}
