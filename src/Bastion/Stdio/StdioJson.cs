using System.Text.Json.Serialization;

namespace Bastion.Stdio;

/// <summary>Source-generated JSON for the stdio guard's error lines (trim- and AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class StdioJson : JsonSerializerContext;
