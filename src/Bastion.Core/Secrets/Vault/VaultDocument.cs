namespace Bastion.Core.Secrets.Vault;

/// <summary>The vault file: <c>{"header": {...}, "entries": [...]}</c>.</summary>
internal sealed record VaultDocument(VaultHeader Header, IReadOnlyList<VaultEntry> Entries);
