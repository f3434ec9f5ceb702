using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Files;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;
using Bastion.Tools;

namespace Bastion.Mcp.Tools;

/// <summary>Moving files between Bastion's machine and one host (operator mode, scope files:write).</summary>
[McpServerToolType]
[Toolset("transfer", Scopes.FilesWrite)]
public sealed class TransferTools(Fleet fleet, FileTransfer transfer)
{
    [McpServerTool(Name = "files_download", Title = "Download a file", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [TransfersFile(Remote = "path", Local = "destination")]
    [Description("Copy a file from one host to a path on the machine Bastion runs on (written to a temporary name, then renamed). Returns size, SHA-256 and whether the host computed the same hash. Refuses files over the transfer limit and existing destinations unless overwrite is true.")]
    public Task<TransferResult> DownloadAsync(
        [Description("Absolute path of the file on the host.")][StringLength(4096)] string path,
        [Description("Absolute path to write on Bastion's machine; its directory must exist.")][StringLength(4096)] string destination,
        [Description(ToolText.Host)][StringLength(200)] string host = "local",
        [Description("Replace the destination if it exists.")] bool overwrite = false,
        CancellationToken cancellationToken = default) =>
        transfer.DownloadAsync(fleet.RunnerFor(host), path, destination, overwrite, cancellationToken);

    [McpServerTool(Name = "files_download_dir", Title = "Download a directory", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [TransfersFile(Remote = "path", Local = "destination")]
    [Description("Pack a directory on one host as a .tar.gz archive and write it to a path on the machine Bastion runs on. Returns the archive's size and SHA-256. Refuses archives over the transfer limit and existing destinations unless overwrite is true.")]
    public Task<TransferResult> DownloadDirectoryAsync(
        [Description("Absolute path of the directory on the host.")][StringLength(4096)] string path,
        [Description("Absolute path of the .tar.gz to write on Bastion's machine; its directory must exist.")][StringLength(4096)] string destination,
        [Description(ToolText.Host)][StringLength(200)] string host = "local",
        [Description("Replace the destination if it exists.")] bool overwrite = false,
        CancellationToken cancellationToken = default) =>
        transfer.DownloadDirectoryAsync(fleet.RunnerFor(host), path, destination, overwrite, cancellationToken);

    [McpServerTool(Name = "files_upload", Title = "Upload a file", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [TransfersFile(Remote = "path", Local = "source")]
    [Description("Copy a file from the machine Bastion runs on to a path on one host, atomically: written under a temporary name in the target directory, given its mode, then renamed into place. Returns size, SHA-256 and whether the host computed the same hash. Refuses existing targets unless overwrite is true.")]
    public Task<TransferResult> UploadAsync(
        [Description("Absolute path of the file on Bastion's machine.")][StringLength(4096)] string source,
        [Description("Absolute path to write on the host; its directory must exist.")][StringLength(4096)] string path,
        [Description(ToolText.Host)][StringLength(200)] string host = "local",
        [Description("Permission bits in octal, e.g. 644 or 0755; default: the source file's.")][RegularExpression("^[0-7]{3,4}$")] string? mode = null,
        [Description("Replace the target if it exists.")] bool overwrite = false,
        CancellationToken cancellationToken = default) =>
        transfer.UploadAsync(fleet.RunnerFor(host), source, path, mode, overwrite, cancellationToken);
}
