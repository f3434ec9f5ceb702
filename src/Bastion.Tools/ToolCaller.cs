using Bastion.Core.Configuration;

namespace Bastion.Tools;

/// <summary>
/// Who a server's tools work for: the tenant whose vault namespace platform credentials are read from (<c>default</c>
/// for the local user, the tenant's name on a shared HTTP server) and that tenant's data directory and files.
/// </summary>
/// <param name="Tenant">The vault namespace, e.g. <c>default</c> or <c>acme</c>.</param>
/// <param name="Paths">The caller's data directory (inventory, vault, audit log).</param>
public sealed record ToolCaller(string Tenant, BastionPaths Paths);
