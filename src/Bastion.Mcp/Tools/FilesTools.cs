using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.FanOut;
using Bastion.Core.Files;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>Reading the file system of hosts.</summary>
[McpServerToolType]
[Toolset("files", Scopes.FilesRead)]
public sealed class FilesTools(FanOutRunner fanOut, PathGuard guard)
{
    [McpServerTool(Name = "files_list", Title = "List a directory", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a directory on hosts, hidden entries included: name, type, size in bytes, octal mode, owner, group, modification time. Directories first.")]
    public Task<FanOutResult<DirectoryListing>> ListAsync(
        [Description("Absolute path of the directory, e.g. /etc/nginx.")][StringLength(4096)] string path,
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Most entries per host.")][Range(1, 5000)] int limit = 200,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var directory = RemotePath.Normalize(path);
        return fanOut.RunAsync(call, target, (runner, ct) => FilesCollector.ListAsync(runner, guard, directory, limit, ct), McpProgress.ForHosts(progress), cancellationToken);
    }

    [McpServerTool(Name = "files_read", Title = "Read a text file", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Read a text file on hosts: up to length bytes from offset, the file's size and whether the end was reached. Not binary files (files_download); for logs prefer logs_tail.")]
    public Task<FanOutResult<FileContent>> ReadAsync(
        [Description("Absolute path of the file, e.g. /etc/nginx/nginx.conf.")][StringLength(4096)] string path,
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Byte offset to start at (0 = the beginning).")][Range(0, long.MaxValue)] long offset = 0,
        [Description("Most bytes to return per host.")][Range(1, FilesCollector.MaxReadBytes)] int length = 65536,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var file = RemotePath.Normalize(path);
        return fanOut.RunAsync(call, target, (runner, ct) => FilesCollector.ReadAsync(runner, guard, file, offset, length, ct), McpProgress.ForHosts(progress), cancellationToken);
    }
}
