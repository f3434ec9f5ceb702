using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Api;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.WebFtp;

/// <summary>Moving files between Bastion's machine and Alpacon servers through WebFTP (operator mode, scope files:write; every call is confirmed).</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.FilesWrite)]
internal sealed class AlpaconWebFtpTools(AlpaconTargets targets, AlpaconWebFtp webFtp)
{
    /// <summary>Only a download takes folder (an upload finds out itself).</summary>
    private static readonly ParameterUse<WebFtpAction> Use = new("action", ("folder", [WebFtpAction.Download]));

    [McpServerTool(Name = "alpacon_webftp", Title = "Copy files through Alpacon WebFTP", ReadOnly = false, Destructive = true, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Copy a file or folder to or from an Alpacon server via WebFTP. Returns size, SHA-256.")]
    public Task<WebFtpTransfer> CopyAsync(
        [Description("Folders: upload unpacks, download zips.")] WebFtpAction action,
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("On the server, absolute.")][StringLength(4096)] string path,
        [Description("On Bastion's machine, absolute.")][StringLength(4096)] string local,
        [Description("download of a folder.")] bool? folder = null,
        [Description("Replace what exists.")] bool? overwrite = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var target = targets.Resolve(host);
        if (action == WebFtpAction.Upload)
        {
            Use.Check(action, ("folder", folder));
            return webFtp.UploadAsync(target, local, path, overwrite ?? false, progress.AsSteps(), cancellationToken);
        }

        return webFtp.DownloadAsync(target, path, local, folder ?? false, overwrite ?? false, progress.AsSteps(), cancellationToken);
    }
}
