namespace Bastion.Http.Auth;

/// <summary>
/// One API key as <c>bastion keys list</c> shows it. It never holds the secret nor the secret's hash, so it can be
/// printed, logged or serialised as it is.
/// </summary>
/// <param name="Id">Short random id, 8 characters <c>a-z2-7</c> (lowercase base32 of 5 random bytes); also the middle part of the key text <c>bst_&lt;id&gt;_&lt;secret&gt;</c>.</param>
/// <param name="Tenant">The tenant the key's principal belongs to (see <see cref="Core.Configuration.TenantName"/>).</param>
/// <param name="Name">Optional label for people (<see cref="ApiKeyStore.NameRule"/>); null when none was given.</param>
/// <param name="Scopes">The principal's scopes, in the order of <see cref="Core.Policy.Scopes.All"/>.</param>
/// <param name="Created">When the key was created (UTC).</param>
/// <param name="Expires">When the key stops being accepted (UTC); null when it never expires.</param>
/// <param name="Revoked">When the key was revoked (UTC); null while it is not.</param>
public sealed record ApiKeyRecord(
    string Id,
    string Tenant,
    string? Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset Created,
    DateTimeOffset? Expires,
    DateTimeOffset? Revoked)
{
    /// <summary>The name of the key's principal, as the audit log records it: <c>key:&lt;id&gt;</c> (ids are unique; labels need not be).</summary>
    public string PrincipalName => "key:" + Id;

    /// <summary>The key's state at <paramref name="now"/>: revoked, else expired when <see cref="Expires"/> is at or before it, else active.</summary>
    public ApiKeyState StateAt(DateTimeOffset now) =>
        Revoked is not null ? ApiKeyState.Revoked
        : Expires is { } expires && expires <= now ? ApiKeyState.Expired
        : ApiKeyState.Active;
}
