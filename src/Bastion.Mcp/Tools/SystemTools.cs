using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Accounts;
using Bastion.Core.Inventory;
using Bastion.Core.Network;
using Bastion.Core.Packages;
using Bastion.Core.Services;
using Bastion.Core.Storage;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Tools;

/// <summary>What is configured and installed on a host: accounts, packages, sockets, interfaces, disks, services.</summary>
[McpServerToolType]
public sealed class SystemTools(Fleet fleet)
{
    private const string HostDescription = "Inventory name of the host (see hosts_list).";
    private const string FilterDescription = "Only entries whose name contains this text (case-insensitive). Omit for all.";

    [McpServerTool(Name = "users_list", Title = "List user accounts", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's user accounts (getent passwd, so LDAP/SSSD users count): uid, gid, home, login shell, whether the shell allows login, sudo rights (root or member of sudo/wheel/admin), service-account flag and groups. Use it to audit who can log in or become root.")]
    public Task<UserList> UsersAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description(FilterDescription)][MaxLength(200)] string? filter = null,
        [Description("Most accounts to return (1-1000).")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        AccountsCollector.UsersAsync(fleet.RunnerFor(host), filter, limit, cancellationToken);

    [McpServerTool(Name = "groups_list", Title = "List groups", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's groups (getent group) with gid, members (listed members plus users whose primary group it is) and whether the group grants sudo.")]
    public Task<GroupList> GroupsAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description(FilterDescription)][MaxLength(200)] string? filter = null,
        [Description("Most groups to return (1-1000).")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        AccountsCollector.GroupsAsync(fleet.RunnerFor(host), filter, limit, cancellationToken);

    [McpServerTool(Name = "packages_list", Title = "List installed packages", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List installed packages of a host from dpkg, rpm or apk (whichever it has): name, version, architecture, installed size in bytes. Use filter to check whether and in which version something is installed, e.g. filter='openssl'.")]
    public Task<PackageList> PackagesAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description("Only packages whose name contains this text (case-insensitive). Omit for all.")][MaxLength(200)] string? filter = null,
        [Description("Most packages to return (1-2000).")][Range(1, 2000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        PackagesCollector.CollectAsync(fleet.RunnerFor(host), filter, limit, cancellationToken);

    [McpServerTool(Name = "sockets_list", Title = "List listening sockets", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's listening TCP and bound UDP sockets (ss, or netstat): protocol, local address, port, and the owning process and pids where visible. Use it to see what a host serves and on which ports.")]
    public Task<SocketList> SocketsAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description("Most sockets to return (1-1000).")][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default) =>
        NetworkCollector.SocketsAsync(fleet.RunnerFor(host), limit, cancellationToken);

    [McpServerTool(Name = "interfaces_list", Title = "List network interfaces", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's network interfaces (ip -o link/addr): name, state, MTU, MAC address, flags and IPv4/IPv6 addresses with prefix length and scope.")]
    public Task<InterfaceList> InterfacesAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description("Most interfaces to return (1-1000).")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        NetworkCollector.InterfacesAsync(fleet.RunnerFor(host), limit, cancellationToken);

    [McpServerTool(Name = "disks_list", Title = "List block devices", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's block devices and partitions (lsblk, or /proc/partitions): name, parent device, type, size in bytes, file system, mount point, model, read-only and removable flags. For how full mounted file systems are, use metrics_sample.")]
    public Task<BlockDeviceList> DisksAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description("Most devices to return (1-1000).")][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default) =>
        StorageCollector.CollectAsync(fleet.RunnerFor(host), limit, cancellationToken);

    [McpServerTool(Name = "services_list", Title = "List services", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("List a host's services from systemd (load, active and sub state, description) or OpenRC (status, runlevel). Use state='failed' to find broken services. Where no service manager runs (e.g. in a container) the list is empty and note says so.")]
    public Task<ServiceList> ServicesAsync(
        [Description(HostDescription)][MaxLength(200)] string host = "local",
        [Description("Only services whose name contains this text (case-insensitive). Omit for all.")][MaxLength(200)] string? filter = null,
        [Description("Only services in this state: a systemd ACTIVE or SUB state (active, inactive, failed, running, exited, dead) or an OpenRC status (started, stopped, crashed). Omit for all.")][MaxLength(50)] string? state = null,
        [Description("Most services to return (1-1000).")][Range(1, 1000)] int limit = 100,
        CancellationToken cancellationToken = default) =>
        ServicesCollector.CollectAsync(fleet.RunnerFor(host), filter, state, limit, cancellationToken);
}
