namespace Bastion.Store.Postgres.Keys;

/// <summary>One API key as <c>api_keys</c> holds it: never the secret, only its SHA-256.</summary>
/// <param name="Id">The key's 8-character id (the middle of <c>bst_&lt;id&gt;_&lt;secret&gt;</c>).</param>
/// <param name="Tenant">The tenant of the key's principal.</param>
/// <param name="Name">Optional label; null when none.</param>
/// <param name="Scopes">The principal's scopes.</param>
/// <param name="Sha256">SHA-256 of the secret, lowercase hex (64 characters).</param>
/// <param name="Created">When it was created (UTC).</param>
/// <param name="Expires">When it stops being accepted (UTC); null for never.</param>
/// <param name="Revoked">When it was revoked (UTC); null while it is not.</param>
public sealed record StoreApiKey(
    string Id,
    string Tenant,
    string? Name,
    IReadOnlyList<string> Scopes,
    string Sha256,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked);
