using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Bastion.Store.Postgres.Keys;

namespace Bastion.Cli;

/// <summary>
/// The API keys of HTTP mode kept in the shared store instead of keys.json: the same key text
/// (<c>bst_&lt;id&gt;_&lt;secret&gt;</c>, shown once), the same SHA-256 of the secret stored, the same rules for names,
/// scopes and expiry as <see cref="ApiKeyStore"/>.
/// </summary>
internal sealed class StoreKeys(PostgresApiKeys keys, TimeProvider clock) : IApiKeyLookup
{
    /// <summary>Creates a key; returns its record and its text, which is kept nowhere.</summary>
    /// <exception cref="BastionException">An invalid tenant, scope or name, no scope, an expiry not in the future, or the store cannot be reached.</exception>
    public async Task<(ApiKeyRecord Key, string Token)> CreateAsync(string tenant, IEnumerable<string> scopes, string? name, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        TenantName.Validate(tenant);
        var given = scopes.ToHashSet(StringComparer.Ordinal);
        var unknown = given.Where(s => !Scopes.All.Contains(s)).ToList();
        if (unknown.Count > 0 || given.Count == 0)
        {
            throw new BastionException($"Give one or more scopes of: {string.Join(", ", Scopes.All)}{(unknown.Count > 0 ? $" (not known: {string.Join(", ", unknown)})" : string.Empty)}.");
        }

        if (name is not null && !ApiKeyStore.IsValidName(name))
        {
            throw new BastionException($"Invalid key name: use {ApiKeyStore.NameRule}.");
        }

        var now = clock.GetUtcNow();
        if (expires is { } expiry && expiry <= now)
        {
            throw new BastionException($"The expiry {expiry.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} is not in the future; give a later time or a duration such as 30d.");
        }

        var secret = RandomNumberGenerator.GetBytes(ApiKeyToken.SecretSize);
        try
        {
            var ordered = Scopes.All.Where(given.Contains).ToList();
            var hash = Convert.ToHexStringLower(ApiKeyToken.Hash(secret));
            while (true)
            {
                var key = new StoreApiKey(ApiKeyToken.NewId(), tenant, name, ordered, hash, now, expires?.ToUniversalTime(), null);
                if (await keys.AddAsync(key, cancellationToken))
                {
                    return (Record(key), ApiKeyToken.Format(key.Id, secret));
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The keys of <paramref name="tenant"/> (every tenant's when null), revoked and expired ones included.</summary>
    public async Task<IReadOnlyList<ApiKeyRecord>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        if (tenant is not null)
        {
            TenantName.Validate(tenant);
        }

        return [.. (await keys.ListAsync(tenant, cancellationToken)).Select(Record)];
    }

    /// <summary>Revokes the key <paramref name="id"/> for every instance sharing the store.</summary>
    /// <exception cref="BastionException">Not an id, or no key has it.</exception>
    public async Task<(ApiKeyRecord Key, bool Changed)> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        if (!ApiKeyToken.IsId(id))
        {
            throw new BastionException(id.StartsWith(ApiKeyToken.Prefix, StringComparison.Ordinal)
                ? "Give the key's id (the 8 characters after bst_, as `bastion keys list` shows them), not the key itself."
                : "That is not an API key id: ids are 8 characters a-z and 2-7, as `bastion keys list` shows them.");
        }

        var result = await keys.RevokeAsync(id, cancellationToken) ?? throw new BastionException($"No API key has the id {id}. See `bastion keys list --store …`.");
        return (Record(result.Key), result.Changed);
    }

    /// <inheritdoc/>
    public string Unavailable => "reach its shared store";

    /// <summary>The key whose id is <paramref name="id"/> and whose secret hashes to the stored hash (compared in constant time); null otherwise.</summary>
    public async ValueTask<ApiKeyRecord?> FindAsync(string id, byte[] secret, CancellationToken cancellationToken)
    {
        var key = await keys.FindAsync(id, cancellationToken);
        return key is not null && key.Sha256.Length == 64
            && CryptographicOperations.FixedTimeEquals(ApiKeyToken.Hash(secret), Convert.FromHexString(key.Sha256))
            ? Record(key)
            : null;
    }

    private static ApiKeyRecord Record(StoreApiKey key) => new(key.Id, key.Tenant, key.Name, key.Scopes, key.Created, key.Expires, key.Revoked);
}
