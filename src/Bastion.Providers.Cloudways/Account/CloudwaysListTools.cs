using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Alerts;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Operations;
using Bastion.Providers.Cloudways.Servers;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>The Cloudways account's lists (servers, projects, team, alerts), Cloudways' catalogues and one operation's state (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysListTools(CloudwaysServers servers, CloudwaysProjects projects, CloudwaysAlerts alerts, CloudwaysOperations operations, CloudwaysClient client)
{
    private static readonly ParameterUse<ListResource> Use = new(
        "resource",
        ("filter", [ListResource.Servers]),
        ("provider", [ListResource.Regions, ListResource.ServerSizes, ListResource.MonitorTargets]),
        ("operation_id", [ListResource.Operation]),
        ("limit", [.. Enum.GetValues<ListResource>().Where(r => r != ListResource.Operation)]));

    [McpServerTool(Name = "cloudways_list", Title = "Cloudways lists and catalogues", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Cloudways account lists (servers with their apps: start here), catalogues, or one operation's state.")]
    public async Task<CloudwaysList> ListAsync(
        ListResource resource,
        [Description("servers: match label, host or IP.")][StringLength(200)] string? filter = null,
        [Description("regions, server_sizes, monitor_targets: one provider, e.g. do.")][StringLength(200)] string? provider = null,
        [Description("operation: its id.")][StringLength(200, MinimumLength = 1)] string? operation_id = null,
        [Description("Max items.")][Range(1, 1000)] int? limit = null,
        CancellationToken cancellationToken = default)
    {
        Use.Check(resource, ("filter", filter), ("provider", provider), ("operation_id", operation_id), ("limit", limit));
        CloudwaysList Of(ServerList? s = null, ProjectList? p = null, TeamList? t = null, AlertList? a = null, CloudwaysData? c = null, CloudwaysOperation? o = null) =>
            new(resource, s, p, t, a, c, o);

        return resource switch
        {
            ListResource.Servers => Of(s: await ServersAsync(filter, limit ?? 100, cancellationToken)),
            ListResource.Projects => Of(p: await ProjectsAsync(limit ?? 200, cancellationToken)),
            ListResource.Team => Of(t: await TeamAsync(limit ?? 200, cancellationToken)),
            ListResource.Alerts => Of(a: await alerts.ListAsync(limit ?? 50, cancellationToken)),
            ListResource.Operation => Of(o: await operations.GetAsync(Use.Need(resource, "operation_id", operation_id, "the id a cloudways_ tool or its error gave"), cancellationToken)),
            _ => Of(c: await CatalogueAsync(resource, provider, limit ?? 200, cancellationToken)),
        };
    }

    private async Task<ServerList> ServersAsync(string? filter, int limit, CancellationToken cancellationToken)
    {
        var all = (await servers.ListAsync(cancellationToken)).Select(s => ServerSummary.From(s.Server, s.Host))
            .Where(s => filter is null || new[] { s.Label, s.Host, s.PublicIp, s.Fqdn }.Any(v => v?.Contains(filter, StringComparison.OrdinalIgnoreCase) == true));
        var (items, total, truncated) = Limits.Take(all, limit);
        return new ServerList(total, items, truncated);
    }

    private async Task<ProjectList> ProjectsAsync(int limit, CancellationToken cancellationToken)
    {
        var (items, total, truncated) = Limits.Take(await projects.ListAsync(cancellationToken), limit);
        return new ProjectList(total, items, truncated);
    }

    private async Task<TeamList> TeamAsync(int limit, CancellationToken cancellationToken)
    {
        var answer = await client.GetAsync("/member", cancellationToken);
        var members = answer.Field("contents") is { } contents ? contents.Field("members") : answer.Field("members");
        var (items, total, truncated) = Limits.Take(LenientJson.Values(members).Select(TeamMember.From).ToList(), limit);
        return new TeamList(total, items, truncated);
    }

    private async Task<CloudwaysData> CatalogueAsync(ListResource resource, string? provider, int limit, CancellationToken cancellationToken)
    {
        var (path, key) = resource switch
        {
            ListResource.Providers => ("/providers", "providers"),
            ListResource.Regions => ("/regions", "regions"),
            ListResource.ServerSizes => ("/server_sizes", "sizes"),
            ListResource.Apps => ("/apps", "apps"),
            ListResource.Packages => ("/packages", "packages"),
            ListResource.MonitorDurations => ("/monitor_durations", "durations"),
            _ => ("/monitor_targets", "targets"),
        };
        var answer = await client.GetAsync(path, cancellationToken);
        var data = answer.Field(key) ?? answer;
        if (provider is not null && data.ValueKind == JsonValueKind.Object)
        {
            data = data.TryGetProperty(provider, out var entries)
                ? JsonSerializer.SerializeToElement(new Dictionary<string, JsonElement> { [provider] = entries }, CommonJson.Default.DictionaryStringJsonElement)
                : throw new PlatformException(CloudwaysApi.Platform, $"{path} has no entries for provider '{provider}'; it has: {string.Join(", ", data.EnumerateObject().Select(p => p.Name))}.");
        }

        return CloudwaysData.Of($"GET {path}", data, limit);
    }
}
