using System.Text.Json.Serialization;

namespace Bastion.Core.Secrets.Vault;

/// <summary>Source-generated JSON metadata (trim- and AOT-safe) of the vault file; <see cref="VaultFormat"/>'s options name, order and check the fields.</summary>
[JsonSerializable(typeof(VaultDocument))]
internal sealed partial class VaultJson : JsonSerializerContext;
