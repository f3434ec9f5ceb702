using System.Text.Json.Serialization;

namespace Bastion.Conformance.Utilities;

/// <summary>Source-generated JSON metadata for the one value this server serializes itself: a log message string.</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class ConformanceJson : JsonSerializerContext;
