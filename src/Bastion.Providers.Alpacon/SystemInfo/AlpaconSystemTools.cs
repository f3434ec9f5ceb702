using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.SystemInfo;

/// <summary>What Alpacon's agent last reported about a server (<c>/api/proc/*</c>), without running anything on it.</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconSystemTools(AlpaconSystemReader reader)
{
    [McpServerTool(Name = "alpacon_system_info", Title = "Alpacon system info", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("What Alpacon's agent reported about a server, without running a command: info, os, users, groups, packages, interfaces, disks, partitions or time (Alpacon's objects). Use it when commands cannot run; hosts_describe, users_list, packages_list read live.")]
    public Task<AlpaconItems> InfoAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("info, os, users, groups, packages, interfaces, disks, partitions or time.")] AlpaconProcKind what = AlpaconProcKind.Info,
        [Description("users, groups, packages: only entries whose name contains this text (Alpacon's search).")][StringLength(200)] string? search = null,
        [Description("users: only accounts that can log in.")] bool login_enabled_only = false,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default) =>
        reader.ReadAsync(host, what, search, login_enabled_only, limit, cancellationToken);
}
