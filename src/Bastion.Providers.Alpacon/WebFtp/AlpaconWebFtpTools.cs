using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Api;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.WebFtp;

/// <summary>Moving files between Bastion's machine and Alpacon servers through WebFTP (operator mode, scope files:write).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.FilesWrite)]
internal sealed class AlpaconWebFtpTools(AlpaconTargets targets, AlpaconWebFtp webFtp)
{
    [McpServerTool(Name = "alpacon_webftp_upload", Title = "Upload through Alpacon WebFTP", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Copy a file or folder from Bastion's machine to an Alpacon server via WebFTP (Alpacon's ACLs apply; folders are zipped and unpacked into path). Replaces only with overwrite=true. Returns size and SHA-256. Without Alpacon use files_upload.")]
    public Task<WebFtpTransfer> UploadAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("Absolute path of the file or folder on Bastion's machine.")][StringLength(4096)] string source,
        [Description("Absolute path on the server: the file to write, or for a folder the directory to unpack it in.")][StringLength(4096)] string path,
        [Description("Replace files that exist on the server.")] bool overwrite = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        webFtp.UploadAsync(targets.Resolve(host), source, path, overwrite, progress.AsSteps(), cancellationToken);

    [McpServerTool(Name = "alpacon_webftp_download", Title = "Download through Alpacon WebFTP", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Copy a file, or a folder as zip, from an Alpacon server to a path on Bastion's machine via WebFTP. Returns size and SHA-256. Without Alpacon use files_download.")]
    public Task<WebFtpTransfer> DownloadAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("Absolute path of the file or folder on the server.")][StringLength(4096)] string path,
        [Description("Absolute path of the file to write on Bastion's machine (a .zip for a folder); its directory must exist.")][StringLength(4096)] string destination,
        [Description("True when path is a folder: it arrives as a zip archive.")] bool folder = false,
        [Description("Replace the destination if it exists.")] bool overwrite = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        webFtp.DownloadAsync(targets.Resolve(host), path, destination, folder, overwrite, progress.AsSteps(), cancellationToken);
}
