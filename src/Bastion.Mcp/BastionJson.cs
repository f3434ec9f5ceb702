using System.Diagnostics.CodeAnalysis;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Bastion.Mcp.Tools;
using ModelContextProtocol;

namespace Bastion.Mcp;

/// <summary>
/// How Bastion's tool arguments and results are written as JSON: snake_case names (units in the names, e.g.
/// <c>total_bytes</c>), enums as snake_case strings, nulls written out (every field is in the output schema's required list), ISO-8601 UTC times.
/// </summary>
public static class BastionJson
{
    /// <summary>The options every tool uses for arguments and structured results.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>
    /// The source-generated metadata of <typeparamref name="T"/> under <see cref="Options"/>, for trim-safe serialisation.
    /// </summary>
    /// <exception cref="NotSupportedException">No context in the chain has <typeparamref name="T"/>: add it to <see cref="ToolsJson"/>.</exception>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    // The enum converter factory makes EnumConverter<TEnum> by MakeGenericType when it first meets an enum. In the Native
    // AOT build that instantiation exists for every enum Bastion writes: enums are reached only through source-generated
    // metadata (the ToolJson contexts; AotCatalogueTests fails for a tool type outside them), whose generated code
    // instantiates EnumConverter<TEnum> for each one (JsonMetadataServices.GetEnumConverter<TEnum>).
    [UnconditionalSuppressMessage("AOT", "IL3050", Justification = "EnumConverter<TEnum> is instantiated by the source-generated metadata of every enum this converter meets (see the comment above).")]
    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(McpJsonUtilities.DefaultOptions)
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DictionaryKeyPolicy = null,
            // The output schemas list every field as required (nullable ones as ["string","null"]), so nulls are written.
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            // Results go to a model, not into HTML: '+' and '"' stay as they are instead of costing six characters each.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            // Source-generated metadata first (the Native AOT build has no other), then the SDK's protocol types.
            TypeInfoResolver = JsonTypeInfoResolver.Combine(ToolsJson.Default, McpJsonUtilities.DefaultOptions.TypeInfoResolver!),
        };
        options.Converters.Insert(0, new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        options.MakeReadOnly();
        return options;
    }
}
