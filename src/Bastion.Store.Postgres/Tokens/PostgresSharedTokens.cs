using System.Security.Cryptography;
using System.Text;
using Bastion.Core;
using Bastion.Core.Credentials;
using Npgsql;

namespace Bastion.Store.Postgres.Tokens;

/// <summary>
/// Platform tokens of one tenant shared by the instances of a store (<c>platform_tokens</c>): a renewal takes a
/// transaction-level advisory lock on the tenant and scope (<c>pg_advisory_xact_lock(LockClass, hashtext(…))</c>), so
/// that of fifty calls on three instances that need a new token one exchanges and the others wait and read its token.
/// Tokens are stored AES-256-GCM encrypted (random 12-byte nonce, 16-byte tag, bound to tenant and scope) under a key
/// derived from the vault key (<c>VaultKeySource.DeriveKey</c>); the database sees ciphertext only. A failed exchange
/// rolls the transaction back: nothing is stored, the lock is freed, the next caller tries again. A server without a
/// vault key yet exchanges for itself and stores nothing.
/// </summary>
/// <param name="store">The shared store.</param>
/// <param name="tenant">The tenant whose tokens these are (empty: the server's own).</param>
/// <param name="key">The 32-byte key, asked for at the first use (it may not exist when the server starts).</param>
public sealed class PostgresSharedTokens(PostgresStore store, string tenant, Func<byte[]> key) : ISharedTokens
{
    /// <summary>The first key of the token locks (the second is the hash of tenant and scope).</summary>
    internal const int LockClass = 0x4243_544b;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key = new(key, LazyThreadSafetyMode.PublicationOnly);

    /// <inheritdoc/>
    public async Task<IssuedToken> GetOrExchangeAsync(string scope, string? unwanted, DateTimeOffset validAfter, Func<CancellationToken, Task<IssuedToken>> exchange, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(scope);
        ArgumentNullException.ThrowIfNull(exchange);
        byte[] secret;
        try
        {
            secret = _key.Value;
        }
        catch (BastionException)
        {
            // No vault key on this server yet (credentials from the environment, nothing stored): nothing may be
            // stored unencrypted, so this server exchanges for itself, as without a store.
            return await exchange(cancellationToken);
        }

        NpgsqlConnection? connection = null;
        NpgsqlTransaction? transaction = null;
        try
        {
            connection = await store.OpenAsync(cancellationToken);
            transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var locking = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1, hashtext($2 || E'\\n' || $3))", connection, transaction))
            {
                locking.Parameters.Add(new NpgsqlParameter<int> { TypedValue = LockClass });
                locking.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
                locking.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
                await locking.ExecuteNonQueryAsync(cancellationToken);
            }

            await using (var read = new NpgsqlCommand("SELECT sealed, expires FROM platform_tokens WHERE tenant = $1 AND scope = $2", connection, transaction))
            {
                read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
                read.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
                await using var row = await read.ExecuteReaderAsync(cancellationToken);
                if (await row.ReadAsync(cancellationToken))
                {
                    var expires = new DateTimeOffset(row.GetFieldValue<DateTime>(1), TimeSpan.Zero);
                    var token = Open(secret, row.GetFieldValue<byte[]>(0), scope);
                    if (expires > validAfter && !string.Equals(token, unwanted, StringComparison.Ordinal))
                    {
                        await row.DisposeAsync();
                        await transaction.CommitAsync(cancellationToken);
                        return new IssuedToken(token, expires);
                    }
                }
            }

            var issued = await exchange(cancellationToken);
            await using (var write = new NpgsqlCommand(
                """
                INSERT INTO platform_tokens (tenant, scope, sealed, expires, updated) VALUES ($1, $2, $3, $4, now())
                ON CONFLICT (tenant, scope) DO UPDATE SET sealed = EXCLUDED.sealed, expires = EXCLUDED.expires, updated = now()
                """,
                connection,
                transaction))
            {
                write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = tenant });
                write.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
                write.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = Seal(secret, issued.AccessToken, scope) });
                write.Parameters.Add(new NpgsqlParameter<DateTime> { TypedValue = issued.ExpiresAt.UtcDateTime });
                await write.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return issued;
        }
        catch (Exception e) when (PostgresStore.IsStoreFailure(e))
        {
            throw store.Unavailable(e);
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }

            if (connection is not null)
            {
                await connection.DisposeAsync();
            }
        }
    }

    private byte[] AssociatedData(string scope) => Encoding.UTF8.GetBytes($"bastion-store-token/v1\0{tenant}\0{scope}");

    private byte[] Seal(byte[] secret, string token, string scope)
    {
        var plaintext = Encoding.UTF8.GetBytes(token);
        var output = new byte[NonceSize + TagSize + plaintext.Length];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(secret, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize + TagSize), output.AsSpan(NonceSize, TagSize), AssociatedData(scope));
        return output;
    }

    private string Open(byte[] secret, byte[] sealedToken, string scope)
    {
        if (sealedToken.Length < NonceSize + TagSize)
        {
            throw new BastionException($"The shared token of '{scope}' in {store.Location.Display} is damaged (too short); delete its row of platform_tokens and a new one is exchanged.");
        }

        var plaintext = new byte[sealedToken.Length - NonceSize - TagSize];
        try
        {
            using var aes = new AesGcm(secret, TagSize);
            aes.Decrypt(sealedToken.AsSpan(0, NonceSize), sealedToken.AsSpan(NonceSize + TagSize), sealedToken.AsSpan(NonceSize, TagSize), plaintext, AssociatedData(scope));
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new BastionException($"The shared token of '{scope}' in {store.Location.Display} does not decrypt with this server's vault key: every instance needs the same vault key (copy vault.key, or the same BASTION_VAULT_KEY).", e);
        }

        return Encoding.UTF8.GetString(plaintext);
    }
}
