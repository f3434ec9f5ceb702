using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Providers;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Commands;
using Bastion.Providers.Alpacon.Events;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Iam;
using Bastion.Providers.Alpacon.Metrics;
using Bastion.Providers.Alpacon.Notes;
using Bastion.Providers.Alpacon.Servers;
using Bastion.Providers.Alpacon.SystemInfo;
using Bastion.Tools;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Alpacon.Listing;

/// <summary>
/// Alpacon's reads, each a bounded list of a workspace or one server: Alpacon's objects, a recorded metric's series, or
/// what the agent reported (<see cref="AlpaconResource"/> names each one's API path). Each filter applies to some resources only; given to another, it is refused with the
/// resources that take it.
/// </summary>
[McpServerToolType]
[Toolset("alpacon", Scopes.PlatformRead)]
internal sealed class AlpaconListTools(AlpaconTargets targets, IInventory inventory, AlpaconMetricSeriesReader series)
{
    [McpServerTool(Name = "alpacon_list", Title = "Read Alpacon", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Read Alpacon (metrics: recorded history; system…time: agent reports). commands include those awaiting approval: never resubmit.")]
    public async Task<AlpaconListing> ListAsync(
        [Description("What to read.")] AlpaconResource resource,
        [Description("Host name; per-host resources need it.")][StringLength(200)] string? host = null,
        [Description(AlpaconText.Workspace)][StringLength(200)] string? workspace = null,
        [Description("Text filter.")][StringLength(200)] string? search = null,
        [Description("commands, iam_*.")][StringLength(200)] string? id = null,
        [Description("events.")][StringLength(200)] string? reporter = null,
        [Description("alerts.")][StringLength(200)] string? status = null,
        [Description("alerts.")] bool? acknowledged = null,
        [Description("top, metrics.")] AlpaconMetric? metric = null,
        [Description("metrics; default -24 h.")][StringLength(200)] string? start = null,
        [Description("metrics; default now.")][StringLength(200)] string? end = null,
        [Description("metrics disk_*.")][StringLength(200)] string? device = null,
        [Description("metrics: mount point.")][StringLength(1000)] string? partition = null,
        [Description("metrics traffic.")][StringLength(200)] string? @interface = null,
        [Description("os_users.")] bool? login_enabled_only = null,
        [Description(AlpaconText.Limit)][Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        Check(resource, new(host, search, id, reporter, status, acknowledged, metric, start, end, device, partition, @interface, login_enabled_only));
        var (client, target) = Scope(host, workspace);
        return resource switch
        {
            AlpaconResource.Servers => await ServersAsync(client, search, limit ?? 100, cancellationToken),
            AlpaconResource.Top => await TopAsync(client, metric ?? AlpaconMetric.Cpu, limit ?? 100, cancellationToken),
            AlpaconResource.Events => await EventsAsync(client, target, search, reporter, limit ?? 50, cancellationToken),
            AlpaconResource.Commands => await CommandsAsync(client, target, id, limit ?? 20, cancellationToken),
            AlpaconResource.Notes => await NotesAsync(target!, limit ?? 50, cancellationToken),
            AlpaconResource.Alerts => await ItemsAsync(
                resource, client, target, "api/alerts/", "alerts",
                [new("status", status), new("acknowledged", acknowledged is null ? null : acknowledged.Value ? "true" : "false")], limit ?? 50, cancellationToken),
            AlpaconResource.AlertRules => await ItemsAsync(resource, client, target, "api/metrics/alert-rules/", "alert rules", [], limit ?? 100, cancellationToken),
            AlpaconResource.IamUsers => await UsersAsync(client, search, id, limit ?? 100, cancellationToken),
            AlpaconResource.IamGroups => await GroupsAsync(client, search, id, limit ?? 100, cancellationToken),
            AlpaconResource.Metrics => await SeriesAsync(target!, metric ?? AlpaconMetric.Cpu, start, end, device, partition, @interface, limit ?? 100, cancellationToken),
            _ => await ReportAsync(resource, target!, search, login_enabled_only ?? false, limit ?? 200, cancellationToken),
        };
    }

    /// <summary>The resource's name as the schema spells it (snake_case).</summary>
    private static string Name(AlpaconResource resource) => ChoiceName.Of(resource);

    private static readonly AlpaconResource[] Reports = [.. Enum.GetValues<AlpaconResource>().Where(r => r >= AlpaconResource.System)];

    /// <summary>Which resources take each filter, and which need a host.</summary>
    private static readonly ParameterUse<AlpaconResource> Use = new ParameterUse<AlpaconResource>(
        "resource",
        ("host", [AlpaconResource.Events, AlpaconResource.Commands, AlpaconResource.Notes, AlpaconResource.Alerts, AlpaconResource.AlertRules, AlpaconResource.Metrics, .. Reports]),
        ("search", [AlpaconResource.Servers, AlpaconResource.Events, AlpaconResource.IamUsers, AlpaconResource.IamGroups, AlpaconResource.OsUsers, AlpaconResource.OsGroups, AlpaconResource.Packages]),
        ("id", [AlpaconResource.Commands, AlpaconResource.IamUsers, AlpaconResource.IamGroups]),
        ("reporter", [AlpaconResource.Events]),
        ("status", [AlpaconResource.Alerts]),
        ("acknowledged", [AlpaconResource.Alerts]),
        ("metric", [AlpaconResource.Top, AlpaconResource.Metrics]),
        ("start", [AlpaconResource.Metrics]),
        ("end", [AlpaconResource.Metrics]),
        ("device", [AlpaconResource.Metrics]),
        ("partition", [AlpaconResource.Metrics]),
        ("interface", [AlpaconResource.Metrics]),
        ("login_enabled_only", [AlpaconResource.OsUsers]))
        .Needs("host", [AlpaconResource.Notes, AlpaconResource.Metrics, .. Reports], "the Bastion host name of an Alpacon server (hosts_list, backend=alpacon)");

    private static void Check(AlpaconResource resource, Filters f)
    {
        Use.Check(
            resource, ("host", f.Host), ("search", f.Search), ("id", f.Id), ("reporter", f.Reporter), ("status", f.Status), ("acknowledged", f.Acknowledged), ("metric", f.Metric),
            ("start", f.Start), ("end", f.End), ("device", f.Device), ("partition", f.Partition), ("interface", f.Interface), ("login_enabled_only", f.LoginEnabledOnly));
        if (resource == AlpaconResource.Top && f.Metric == AlpaconMetric.DiskUsage)
        {
            throw new BastionException("Alpacon ranks servers by cpu, memory, disk_io or traffic, not disk_usage.");
        }
    }

    /// <summary>The filters of one call, for <see cref="Check"/>.</summary>
    private sealed record Filters(
        string? Host, string? Search, string? Id, string? Reporter, string? Status, bool? Acknowledged, AlpaconMetric? Metric,
        string? Start, string? End, string? Device, string? Partition, string? Interface, bool? LoginEnabledOnly);

    /// <summary>The client to ask and, when <paramref name="host"/> is given, its server; a workspace given beside a host must be the host's.</summary>
    private (AlpaconClient Client, AlpaconTarget? Target) Scope(string? host, string? workspace)
    {
        if (host is null)
        {
            return (targets.Workspace(workspace), null);
        }

        var target = targets.Resolve(host);
        return workspace is null || workspace == target.Workspace
            ? (target.Client, target)
            : throw new BastionException($"Host '{target.Host.Name}' is in Alpacon workspace '{target.Workspace}', not '{workspace}'.");
    }

    private static AlpaconListing Of(AlpaconResource resource, AlpaconClient client, AlpaconTarget? target, string path, PlatformList<JsonElement> list, string noun) =>
        new(Name(resource), client.Workspace.Name, target?.Host.Name, "/" + path, list.Total, list.Truncated, null, null, null, null, null, null, null, null, list.CutNotes(noun));

    private async Task<AlpaconListing> ServersAsync(AlpaconClient client, string? search, int limit, CancellationToken cancellationToken)
    {
        const string path = "api/servers/servers/";
        var list = await client.ListAsync(path, [new("search", search)], limit, cancellationToken);
        var hosts = inventory.Hosts
            .Where(h => h.Labels.GetValueOrDefault(AlpaconLabels.WorkspaceKey) == client.Workspace.Name && h.Labels.ContainsKey(AlpaconLabels.ServerIdKey))
            .GroupBy(h => h.Labels[AlpaconLabels.ServerIdKey], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        var servers = list.Items.Select(s => AlpaconServer.From(client.Workspace.Name, s)).OfType<AlpaconServer>()
            .Select(s => new AlpaconServerInfo(hosts.GetValueOrDefault(s.Id), s.Workspace, s.Id, s.Name, s.RemoteIp, s.Connected, s.OsName, s.OsVersion, s.Load, s.BootTime, s.Status, s.LogicalCores, s.MemoryBytes))
            .ToList();
        return Of(AlpaconResource.Servers, client, null, path, list, "servers") with { Servers = servers };
    }

    private static async Task<AlpaconListing> TopAsync(AlpaconClient client, AlpaconMetric metric, int limit, CancellationToken cancellationToken)
    {
        var path = AlpaconMetricPaths.Top(metric);
        var list = await client.ListAsync(path, null, limit, cancellationToken);
        return Of(AlpaconResource.Top, client, null, path, list, "servers") with { Items = list.Items };
    }

    private static async Task<AlpaconListing> EventsAsync(AlpaconClient client, AlpaconTarget? target, string? search, string? reporter, int limit, CancellationToken cancellationToken)
    {
        const string path = "api/events/events/";
        var list = await client.ListAsync(
            path,
            [new("server", target?.ServerId), new("search", search), new("reporter", reporter), new("ordering", "-added_at")],
            limit,
            cancellationToken);
        var events = list.Items.Select(e => new AlpaconEvent(
            e.Str("id") ?? string.Empty,
            e.Time("added_at"),
            e.Ref("server"),
            e.Ref("reporter"),
            e.Str("record"),
            e.Str("description") is { } d ? Limits.Clip(d) : null)).ToList();
        return Of(AlpaconResource.Events, client, target, path, list, "events") with { Events = events };
    }

    private static async Task<AlpaconListing> CommandsAsync(AlpaconClient client, AlpaconTarget? target, string? id, int limit, CancellationToken cancellationToken)
    {
        if (id is not null)
        {
            var one = await AlpaconCommandApi.GetAsync(client, id, cancellationToken);
            return new AlpaconListing(Name(AlpaconResource.Commands), client.Workspace.Name, target?.Host.Name, "/" + AlpaconCommandApi.Path, 1, false, null, null, [AlpaconCommandInfo.From(one)], null, null, null, null, null, []);
        }

        var list = await client.ListAsync(AlpaconCommandApi.Path, [new("server", target?.ServerId), new("ordering", "-added_at")], limit, cancellationToken);
        return Of(AlpaconResource.Commands, client, target, AlpaconCommandApi.Path, list, "commands") with
        {
            Commands = list.Items.Select(c => AlpaconCommandInfo.From(AlpaconCommand.From(c))).ToList(),
        };
    }

    private static async Task<AlpaconListing> NotesAsync(AlpaconTarget target, int limit, CancellationToken cancellationToken)
    {
        const string path = "api/servers/notes/";
        var list = await target.Client.ListAsync(path, [new("server", target.ServerId)], limit, cancellationToken);
        return Of(AlpaconResource.Notes, target.Client, target, path, list, "notes") with { Notes = list.Items.Select(AlpaconNote.From).ToList() };
    }

    private static async Task<AlpaconListing> ItemsAsync(
        [Description("What to read.")] AlpaconResource resource, AlpaconClient client, AlpaconTarget? target, string path, string noun, KeyValuePair<string, string?>[] filters, int limit, CancellationToken cancellationToken)
    {
        var list = await client.ListAsync(path, [new("server", target?.ServerId), .. filters], limit, cancellationToken);
        return Of(resource, client, target, path, list, noun) with { Items = list.Items };
    }

    private static async Task<AlpaconListing> UsersAsync(AlpaconClient client, string? search, string? id, int limit, CancellationToken cancellationToken)
    {
        const string path = "api/iam/users/";
        if (id is not null)
        {
            var user = AlpaconIamUser.From(await client.GetAsync($"{path}{Uri.EscapeDataString(id)}/", null, cancellationToken));
            return new AlpaconListing(Name(AlpaconResource.IamUsers), client.Workspace.Name, null, "/" + path, 1, false, null, null, null, null, [user], null, null, null, []);
        }

        var list = await client.ListAsync(path, [new("search", search)], limit, cancellationToken);
        return Of(AlpaconResource.IamUsers, client, null, path, list, "users") with { Users = list.Items.Select(AlpaconIamUser.From).ToList() };
    }

    private static async Task<AlpaconListing> GroupsAsync(AlpaconClient client, string? search, string? id, int limit, CancellationToken cancellationToken)
    {
        const string path = "api/iam/groups/";
        if (id is not null)
        {
            var group = AlpaconIamGroup.From(await client.GetAsync($"{path}{Uri.EscapeDataString(id)}/", null, cancellationToken));
            return new AlpaconListing(Name(AlpaconResource.IamGroups), client.Workspace.Name, null, "/" + path, 1, false, null, null, null, null, null, [group], null, null, []);
        }

        var list = await client.ListAsync(path, [new("search", search)], limit, cancellationToken);
        return Of(AlpaconResource.IamGroups, client, null, path, list, "groups") with { Groups = list.Items.Select(AlpaconIamGroup.From).ToList() };
    }

    private async Task<AlpaconListing> SeriesAsync(
        AlpaconTarget target, AlpaconMetric metric, string? start, string? end, string? device, string? partition, string? @interface, int limit, CancellationToken cancellationToken)
    {
        var read = await series.ReadAsync(target, metric, Time(start, "start"), Time(end, "end"), device, partition, @interface, limit, cancellationToken);
        return new AlpaconListing(
            Name(AlpaconResource.Metrics), read.Workspace, read.Host, read.Source, read.Points, read.Rows.Count < read.Points, null, null, null, null, null, null, null, read, read.Notes);
    }

    private static async Task<AlpaconListing> ReportAsync(AlpaconResource resource, AlpaconTarget target, string? search, bool loginEnabledOnly, int limit, CancellationToken cancellationToken)
    {
        var kind = resource switch
        {
            AlpaconResource.System => AlpaconProcKind.Info,
            AlpaconResource.Os => AlpaconProcKind.Os,
            AlpaconResource.OsUsers => AlpaconProcKind.Users,
            AlpaconResource.OsGroups => AlpaconProcKind.Groups,
            AlpaconResource.Packages => AlpaconProcKind.Packages,
            AlpaconResource.Interfaces => AlpaconProcKind.Interfaces,
            AlpaconResource.Disks => AlpaconProcKind.Disks,
            AlpaconResource.Partitions => AlpaconProcKind.Partitions,
            _ => AlpaconProcKind.Time,
        };
        var read = await AlpaconSystemReader.ReadAsync(target, kind, search, loginEnabledOnly, limit, cancellationToken);
        return new AlpaconListing(Name(resource), read.Workspace, read.Host, read.Source, read.Total, read.Truncated, null, null, null, null, null, null, read.Items, null, read.Notes);
    }

    private static DateTimeOffset? Time(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.ToUniversalTime()
            : throw new BastionException($"{name} '{text}' is not an ISO-8601 time; e.g. 2025-11-08T09:00:00Z.");
    }
}
