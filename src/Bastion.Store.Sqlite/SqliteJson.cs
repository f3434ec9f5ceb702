using System.Text.Json.Serialization;

namespace Bastion.Store.Sqlite;

/// <summary>Source-generated JSON metadata (trim- and AOT-safe) of the values the history store keeps as JSON text (web defaults, as before).</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(TopJson))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class SqliteJson : JsonSerializerContext;
