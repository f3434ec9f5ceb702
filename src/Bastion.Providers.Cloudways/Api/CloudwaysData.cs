using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.Cloudways.Api;

/// <summary>
/// A Cloudways answer passed on as it came (for calls whose fields Cloudways does not document: settings, graphs,
/// analytics, discovery lists), bounded: arrays cut to the call's limit, the whole to 64 KiB.
/// </summary>
internal sealed record CloudwaysData(
    [property: Description("The Cloudways call it came from, e.g. 'GET /server/monitor/detail'.")] string Source,
    [property: Description("What Cloudways returned, field names and units as Cloudways gives them (numbers often arrive as strings).")] JsonElement Data,
    [property: Description("True when arrays were cut to the limit (or the answer to 64 KiB); raise limit to see more.")] bool Truncated)
{
    /// <summary><paramref name="data"/> bounded to <paramref name="limit"/> items per array.</summary>
    public static CloudwaysData Of(string source, JsonElement data, int limit)
    {
        var (value, truncated) = JsonBounds.Cut(data, limit);
        return new CloudwaysData(source, value, truncated);
    }
}
