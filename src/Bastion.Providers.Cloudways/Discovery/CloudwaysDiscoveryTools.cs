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
    [Description("One of Cloudways' catalogue lists, as Cloudways returns it: providers (GET /providers), regions or server_sizes per provider (GET /regions, /server_sizes), installable apps and versions (GET /apps), packages such as PHP and MySQL versions (GET /packages), and the monitor_durations / monitor_targets that cloudways_server_monitor_detail takes. Use it to answer 'where can I host', 'what sizes does DigitalOcean offer', 'which PHP versions exist'.")]
    public async Task<CloudwaysData> DiscoverAsync(
        [Description("Which list: providers, regions, server_sizes, apps, packages, monitor_durations or monitor_targets.")] DiscoveryList what,
        [Description("For lists given per provider (regions, server_sizes, monitor_targets): only this provider's entries, by code (e.g. do, vultr, amazon). Omit for all.")][StringLength(32)] string? provider = null,
        [Description("Most items kept in each list of the answer (1-1000).")][Range(1, 1000)] int limit = 200,
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
