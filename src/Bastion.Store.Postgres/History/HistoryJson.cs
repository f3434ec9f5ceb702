using System.Text.Json.Serialization;

namespace Bastion.Store.Postgres.History;

/// <summary>Source-generated JSON metadata (trim- and AOT-safe) of what the history tables keep as JSON.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ProcessTops))]
internal sealed partial class HistoryJson : JsonSerializerContext;
