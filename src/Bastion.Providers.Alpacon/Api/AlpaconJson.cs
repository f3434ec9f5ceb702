using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>Alpacon's own shapes on top of <see cref="LenientJson"/>: references to nested objects and lists of names.</summary>
internal static class AlpaconJson
{
    /// <summary>An id or name of a nested object (<c>{"id","name"}</c>), or the field itself when it is a string.</summary>
    public static string? Ref(this JsonElement element, string name, string inner = "name") => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Object } o => o.Str(inner),
        { ValueKind: JsonValueKind.String } v => v.GetString(),
        _ => null,
    };

    public static IReadOnlyList<string> Strings(this JsonElement element, string name) => element.Field(name) switch
    {
        { ValueKind: JsonValueKind.Array } a => a.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.Ref("name") ?? e.GetRawText()).ToList(),
        _ => [],
    };
}
