using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>What cloudways_list resource servers returns.</summary>
internal sealed record ServerList(
    [property: Description("Servers that matched (before the limit).")] int Total,
    [property: Description("Servers in Cloudways' order, at most limit.")] IReadOnlyList<ServerSummary> Servers,
    [property: Description("True when more servers matched than were returned; raise limit or give filter.")] bool Truncated);
