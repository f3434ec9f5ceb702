using System.ComponentModel;
using System.Text.Json;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>One parameter of a CloudStack API, as <c>listApis</c> describes it.</summary>
internal sealed record ApiParam(
    [property: Description("Parameter name (CloudStack reads names case-insensitively; listApis gives them in lower case).")] string Name,
    [property: Description("CloudStack's type: string, uuid, boolean, integer, long, short, float, double, date, tzdate, list (comma-separated or a JSON array) or map (an object or an array of objects, sent as name[i].key=value).")] string Type,
    [property: Description("True when the API refuses a call without it.")] bool Required,
    [property: Description("CloudStack's description of it.")] string? Description,
    [property: Description("Longest accepted value in characters (CloudStack 'length'); null when unbounded.")] int? Length)
{
    /// <summary>Reads one entry of an API's <c>params</c>.</summary>
    public static ApiParam From(JsonElement e) => new(
        e.Str("name") ?? string.Empty,
        (e.Str("type") ?? "string").ToLowerInvariant(),
        e.Flag("required") == true,
        e.Str("description"),
        e.Int("length") is > 0 and var length ? length : null);
}
