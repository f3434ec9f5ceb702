using System.Text.Json.Serialization;
using Bastion.Core.Inventory;

namespace Bastion.Store.Postgres.Inventory;

/// <summary>Source-generated JSON metadata (trim- and AOT-safe) of the host lists <see cref="PostgresHostLists"/> keeps.</summary>
[JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(List<Host>))]
internal sealed partial class HostListJson : JsonSerializerContext;
