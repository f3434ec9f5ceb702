using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.SystemInfo;

/// <summary>What Alpacon's agent last reported about a server (<c>/api/proc/*</c>), without running anything on it.</summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconSystemTools(AlpaconTargets targets)
{
    [McpServerTool(Name = "alpacon_system_info", Title = "Alpacon system info", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Read what Alpacon's agent has reported about one server, without running a command on it: info (hostname, CPU, memory, kernel, uptime), os, users, groups, packages, interfaces, disks, partitions or time. Items are Alpacon's objects as it sends them. Use it when commands cannot run (ACL, approval) or to compare with Bastion's live reading (hosts_describe, users_list, packages_list on the same host), which is read fresh through the Command API.")]
    public async Task<AlpaconItems> InfoAsync(
        [Description(AlpaconText.Host)][StringLength(200)] string host,
        [Description("info, os, users, groups, packages, interfaces, disks, partitions or time.")] AlpaconProcKind what = AlpaconProcKind.Info,
        [Description("users, groups, packages: only entries whose name contains this text (Alpacon's search).")][StringLength(200)] string? search = null,
        [Description("users: only accounts that can log in.")] bool login_enabled_only = false,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var target = targets.Resolve(host);
        var path = $"api/proc/{what.ToString().ToLowerInvariant()}/";
        var query = new List<KeyValuePair<string, string?>> { new("server", target.ServerId) };
        if (what is AlpaconProcKind.Users or AlpaconProcKind.Groups or AlpaconProcKind.Packages)
        {
            query.Add(new("search", search));
        }

        if (what == AlpaconProcKind.Users && login_enabled_only)
        {
            query.Add(new("login_enabled", "true"));
        }

        if (what is AlpaconProcKind.Users or AlpaconProcKind.Groups or AlpaconProcKind.Packages)
        {
            var list = await target.Client.ListAsync(path, query, limit, cancellationToken);
            return new AlpaconItems(target.Workspace, target.Host.Name, "/" + path, list.Total, list.Truncated, list.Items, list.CutNotes(what.ToString().ToLowerInvariant()));
        }

        var answer = await target.Client.GetAsync(path, query, cancellationToken);
        List<JsonElement> items = answer.ValueKind switch
        {
            JsonValueKind.Array => answer.EnumerateArray().ToList(),
            JsonValueKind.Object when answer.Field("results") is { ValueKind: JsonValueKind.Array } results => results.EnumerateArray().ToList(),
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            _ => [answer],
        };
        var kept = items.Take(limit).ToList();
        var notes = kept.Count < items.Count ? new[] { $"Showing {kept.Count} of {items.Count} {what.ToString().ToLowerInvariant()}; raise limit to see others." } : [];
        return new AlpaconItems(target.Workspace, target.Host.Name, "/" + path, items.Count, kept.Count < items.Count, kept, notes);
    }
}
