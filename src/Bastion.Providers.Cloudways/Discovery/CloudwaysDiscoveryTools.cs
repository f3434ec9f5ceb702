using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Discovery;

/// <summary>Cloudways' catalogue: providers, regions, sizes, apps, packages and monitoring options (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysDiscoveryTools(CloudwaysClient client)
{
    [McpServerTool(Name = "cloudways_discovery", Title = "Cloudways catalogue (providers, regions, sizes, apps, packages)", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("One Cloudways catalogue: providers, regions or server_sizes per provider, installable apps, packages (PHP, MySQL versions), monitor_durations and monitor_targets.")]
    public async Task<CloudwaysData> DiscoverAsync(
        [Description("Which list: providers, regions, server_sizes, apps, packages, monitor_durations or monitor_targets.")] DiscoveryList what,
        [Description("regions, server_sizes, monitor_targets: only this provider (do, vultr, amazon…).")][StringLength(32)] string? provider = null,
        [Description("Most items per list.")][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var (path, key) = what switch
        {
            DiscoveryList.Providers => ("/providers", "providers"),
            DiscoveryList.Regions => ("/regions", "regions"),
            DiscoveryList.ServerSizes => ("/server_sizes", "sizes"),
            DiscoveryList.Apps => ("/apps", "apps"),
            DiscoveryList.Packages => ("/packages", "packages"),
            DiscoveryList.MonitorDurations => ("/monitor_durations", "durations"),
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
