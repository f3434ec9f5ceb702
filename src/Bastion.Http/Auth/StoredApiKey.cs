namespace Bastion.Http.Auth;

/// <summary>One key as keys.json holds it: the record's fields and <paramref name="Sha256"/>, the SHA-256 of the secret in lowercase hex.</summary>
internal sealed record StoredApiKey(
    string Id,
    string Tenant,
    string? Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked,
    string Sha256)
{
    public ApiKeyRecord ToRecord() => new(Id, Tenant, Name, Scopes, Created, Expires, Revoked);
}
