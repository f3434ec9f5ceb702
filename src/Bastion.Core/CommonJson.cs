using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bastion.Core;

/// <summary>
/// Source-generated JSON metadata (trim- and AOT-safe) of the plain shapes every assembly writes: strings, string lists,
/// JSON trees and argument maps. With <see cref="JsonSerializerContext.Options"/> left at its defaults, <c>CommonJson.Default.X</c>
/// writes exactly what <c>JsonSerializer.Serialize(value)</c> without options wrote.
/// </summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(JsonNode))]
[JsonSerializable(typeof(JsonObject))]
[JsonSerializable(typeof(Dictionary<string, JsonElement>))]
[JsonSerializable(typeof(SortedDictionary<string, JsonElement>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
public sealed partial class CommonJson : JsonSerializerContext;
