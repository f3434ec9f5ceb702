namespace Bastion.Http.Auth;

/// <summary>The content of keys.json: a format version and the keys, revoked ones included.</summary>
internal sealed record ApiKeysDocument(int Version, IReadOnlyList<StoredApiKey> Keys);
