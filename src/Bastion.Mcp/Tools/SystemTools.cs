using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Accounts;
using Bastion.Core.FanOut;
using Bastion.Core.Network;
using Bastion.Core.Packages;
using Bastion.Core.Services;
using Bastion.Core.Storage;
using ModelContextProtocol;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>What is configured and installed on hosts: accounts, packages, sockets, interfaces, disks, services.</summary>
[McpServerToolType]
[Toolset("system", Scopes.SystemRead)]
public sealed class SystemTools(FanOutRunner fanOut)
{
    [McpServerTool(Name = "users_list", Title = "List user accounts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("User accounts (getent passwd, LDAP/SSSD included): uid, gid, home, shell, login allowed, sudo rights, groups. Audits who can log in or become root.")]
    public Task<FanOutResult<UserList>> UsersAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description(ToolText.Filter)][StringLength(200)] string? filter = null,
        [Description("Most accounts per host.")][Range(1, 1000)] int limit = 100,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => AccountsCollector.UsersAsync(runner, filter, limit, ct), McpProgress.ForHosts(progress), cancellationToken);

    [McpServerTool(Name = "groups_list", Title = "List groups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Groups (getent group): gid, members (listed and by primary group) and whether the group grants sudo.")]
    public Task<FanOutResult<GroupList>> GroupsAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description(ToolText.Filter)][StringLength(200)] string? filter = null,
        [Description("Most groups per host.")][Range(1, 1000)] int limit = 100,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => AccountsCollector.GroupsAsync(runner, filter, limit, ct), McpProgress.ForHosts(progress), cancellationToken);

    [McpServerTool(Name = "packages_list", Title = "List installed packages", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Installed packages (dpkg, rpm or apk): name, version, architecture, size in bytes. filter='openssl' checks whether and in which version something is installed.")]
    public Task<FanOutResult<PackageList>> PackagesAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description(ToolText.Filter)][StringLength(200)] string? filter = null,
        [Description("Most packages per host.")][Range(1, 2000)] int limit = 100,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => PackagesCollector.CollectAsync(runner, filter, limit, ct), McpProgress.ForHosts(progress), cancellationToken);

    [McpServerTool(Name = "sockets_list", Title = "List listening sockets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Listening TCP and bound UDP sockets (ss or netstat): protocol, address, port, owning process and pids.")]
    public Task<FanOutResult<SocketList>> SocketsAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Most sockets per host.")][Range(1, 1000)] int limit = 200,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => NetworkCollector.SocketsAsync(runner, limit, ct), McpProgress.ForHosts(progress), cancellationToken);

    [McpServerTool(Name = "interfaces_list", Title = "List network interfaces", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Network interfaces (ip): name, state, MTU, MAC, flags, IPv4/IPv6 addresses with prefix and scope.")]
    public Task<FanOutResult<InterfaceList>> InterfacesAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Most interfaces per host.")][Range(1, 1000)] int limit = 100,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => NetworkCollector.InterfacesAsync(runner, limit, ct), McpProgress.ForHosts(progress), cancellationToken);

    [McpServerTool(Name = "disks_list", Title = "List block devices", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Block devices and partitions (lsblk): name, parent, type, size in bytes, file system, mount point, model, read-only and removable flags. For fullness use metrics_sample.")]
    public Task<FanOutResult<BlockDeviceList>> DisksAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description("Most devices per host.")][Range(1, 1000)] int limit = 200,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => StorageCollector.CollectAsync(runner, limit, ct), McpProgress.ForHosts(progress), cancellationToken);

    [McpServerTool(Name = "services_list", Title = "List services", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Services from systemd or OpenRC with their state; state='failed' finds broken ones.")]
    public Task<FanOutResult<ServiceList>> ServicesAsync(
        [Description(ToolText.Target)][StringLength(1000)] string target = "local",
        [Description(ToolText.Filter)][StringLength(200)] string? filter = null,
        [Description("Only this state: systemd active/sub (active, failed, running…) or OpenRC (started, stopped, crashed).")][StringLength(50)] string? state = null,
        [Description("Most services per host.")][Range(1, 1000)] int limit = 100,
        CallTargets? call = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        fanOut.RunAsync(call, target, (runner, ct) => ServicesCollector.CollectAsync(runner, filter, state, limit, ct), McpProgress.ForHosts(progress), cancellationToken);
}
