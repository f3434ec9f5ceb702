using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bastion.Providers;

/// <summary>
/// Source-generated JSON metadata (trim- and AOT-safe) of the request bodies the platform clients send: maps of field
/// name to value, whose values are written by their runtime type, so each value type a body may hold is listed here. A
/// body holding another type fails with <see cref="NotSupportedException"/> naming it (in tests as in the native build).
/// </summary>
[JsonSerializable(typeof(Dictionary<string, object>))]
[JsonSerializable(typeof(Dictionary<string, object?>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(System.Collections.ObjectModel.ReadOnlyDictionary<string, string>))]
[JsonSerializable(typeof(SortedDictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(bool))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(long))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(float))]
[JsonSerializable(typeof(decimal))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(int[]))]
[JsonSerializable(typeof(long[]))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(List<int>))]
[JsonSerializable(typeof(List<long>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyList<int>))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(List<Dictionary<string, object>>))]
public sealed partial class BodyJson : JsonSerializerContext;
