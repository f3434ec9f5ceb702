using System.Security.Cryptography;
using System.Text;
using Bastion.Core;
using Bastion.Core.Secrets.Vault;
using Npgsql;

namespace Bastion.Store.Postgres.Vault;

/// <summary>
/// The vault in the shared store: one row per (tenant, name) in <c>vault_entries</c> holding the AES-256-GCM nonce,
/// ciphertext and tag Bastion made (associated data <c>bastion-vault/v1\0{tenant}\0{name}</c>, as in <c>vault.json</c>),
/// and one <c>vault_header</c> row with the key kind, the key check value and, for a passphrase, the PBKDF2 salt and
/// iterations. The database never sees a value or a key.
/// </summary>
/// <remarks>
/// The key comes from the same places as the file vault's (<see cref="VaultKeySource"/>: <c>BASTION_VAULT_KEY</c>,
/// <c>BASTION_VAULT_PASSPHRASE</c>, or <c>vault.key</c> in the data directory); every instance sharing the store needs
/// the same one, and a key that does not match the header is refused before anything is read or written. The first
/// value written creates the header (a key file is created then when there is none). Every change is one statement or
/// one transaction: it is whole or absent.
/// </remarks>
public sealed class PostgresVault(PostgresStore store, VaultKeySource key) : ICredentialStore
{
    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private byte[]? _key;

    /// <inheritdoc/>
    public string Location => store.Location.Display + " (vault_entries)";

    /// <inheritdoc/>
    public async Task SetAsync(string tenant, string name, string value, CancellationToken cancellationToken)
    {
        var plaintext = VaultNames.EntryPlaintext(tenant, name, value);

        try
        {
            await store.RunAsync(
                async connection =>
                {
                    var secret = await KeyAsync(connection, create: true, cancellationToken);
                    var sealedValue = VaultCipher.Seal(secret!, plaintext, VaultCipher.EntryData(tenant, name));
                    await using var command = new NpgsqlCommand(
                        """
                        INSERT INTO vault_entries (tenant, name, nonce, ciphertext, tag, created, updated) VALUES ($1, $2, $3, $4, $5, now(), now())
                        ON CONFLICT (tenant, name) DO UPDATE SET nonce = $3, ciphertext = $4, tag = $5, updated = now()
                        """, connection);
                    command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    command.Parameters.Add(new NpgsqlParameter { Value = name });
                    command.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(sealedValue.Nonce) });
                    command.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(sealedValue.Ciphertext) });
                    command.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(sealedValue.Tag) });
                    return await command.ExecuteNonQueryAsync(cancellationToken);
                },
                cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <inheritdoc/>
    public Task<string?> GetAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        VaultNames.ValidateTenant(tenant);
        VaultNames.ValidateName(name);
        return store.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT nonce, ciphertext, tag FROM vault_entries WHERE tenant = $1 AND name = $2", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                VaultSealed sealedValue;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    if (!await reader.ReadAsync(cancellationToken))
                    {
                        return null;
                    }

                    sealedValue = new VaultSealed(
                        Convert.ToBase64String(reader.GetFieldValue<byte[]>(0)),
                        Convert.ToBase64String(reader.GetFieldValue<byte[]>(1)),
                        Convert.ToBase64String(reader.GetFieldValue<byte[]>(2)));
                }

                var secret = await KeyAsync(connection, create: false, cancellationToken)
                    ?? throw new BastionException($"The shared store {store.Location.Display} holds vault values but no vault header; restore vault_header from your backup.");
                var bytes = VaultCipher.TryOpen(secret, sealedValue, VaultCipher.EntryData(tenant, name))
                    ?? throw new BastionException(
                        $"The value '{name}' of tenant '{tenant}' in the shared store {store.Location.Display} failed its integrity check: it was altered, " +
                        $"or moved from another name or tenant. Set it again (`bastion vault set {name} --tenant {tenant} --store …`) or remove it.");
                try
                {
                    return (string?)_utf8.GetString(bytes);
                }
                finally
                {
                    CryptographicOperations.ZeroMemory(bytes);
                }
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<VaultItem>> ListAsync(string? tenant, CancellationToken cancellationToken)
    {
        if (tenant is not null)
        {
            VaultNames.ValidateTenant(tenant);
        }

        return store.RunAsync<IReadOnlyList<VaultItem>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT tenant, name, created, updated FROM vault_entries WHERE $1::text IS NULL OR tenant = $1 ORDER BY tenant COLLATE \"C\", name COLLATE \"C\"", connection);
                command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)tenant ?? DBNull.Value });
                var items = new List<VaultItem>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(new VaultItem(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2), reader.GetFieldValue<DateTimeOffset>(3)));
                }

                return items;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<bool> RemoveAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        VaultNames.ValidateTenant(tenant);
        VaultNames.ValidateName(name);
        return store.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM vault_entries WHERE tenant = $1 AND name = $2", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
    }

    /// <summary>
    /// The key checked against the store's header; with <paramref name="create"/>, the header is made from the key
    /// source when there is none (the first writer wins; the others check against its header). Null: no header, not created.
    /// </summary>
    private async Task<byte[]?> KeyAsync(NpgsqlConnection connection, bool create, CancellationToken cancellationToken)
    {
        if (_key is { } known)
        {
            return known;
        }

        var header = await ReadHeaderAsync(connection, cancellationToken);
        if (header is null)
        {
            if (!create)
            {
                return null;
            }

            var (made, secret) = await NewHeaderAsync(cancellationToken);
            await using var insert = new NpgsqlCommand(
                """
                INSERT INTO vault_header (key_kind, check_nonce, check_ciphertext, check_tag, kdf_salt, kdf_iterations)
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING
                """, connection);
            insert.Parameters.Add(new NpgsqlParameter { Value = made.KeyKind });
            insert.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(made.Check.Nonce) });
            insert.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(made.Check.Ciphertext) });
            insert.Parameters.Add(new NpgsqlParameter { Value = Convert.FromBase64String(made.Check.Tag) });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea, Value = made.Kdf is { } kdf ? Convert.FromBase64String(kdf.Salt) : DBNull.Value });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer, Value = (object?)made.Kdf?.Iterations ?? DBNull.Value });
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 1)
            {
                return _key = secret;
            }

            header = await ReadHeaderAsync(connection, cancellationToken);
        }

        var candidate = key.Kind switch
        {
            VaultKeyKind.Passphrase => header!.Kdf is { } kdf ? VaultCipher.Derive(key.Passphrase!, Convert.FromBase64String(kdf.Salt), kdf.Iterations) : null,
            VaultKeyKind.KeyFile => VaultKeyFile.Read(key.KeyFile!),
            _ => key.Key,
        };
        if (candidate is null || !VaultCipher.Matches(candidate, header!))
        {
            throw new BastionException(
                $"The vault key ({key.Origin}) does not match the vault in the shared store {store.Location.Display}, which was set up with a {header!.KeyKind}. " +
                "Every instance sharing the store needs the same vault key: copy vault.key from the instance that first wrote the vault, or set the same BASTION_VAULT_KEY or BASTION_VAULT_PASSPHRASE.");
        }

        return _key = candidate;
    }

    private async Task<(VaultHeader Header, byte[] Key)> NewHeaderAsync(CancellationToken cancellationToken)
    {
        switch (key.Kind)
        {
            case VaultKeyKind.Passphrase:
                if (key.Passphrase!.Length < VaultKeySource.MinimumNewPassphraseLength)
                {
                    throw new BastionException($"A new vault passphrase must be at least {VaultKeySource.MinimumNewPassphraseLength} characters long; the one from {key.Origin} has {key.Passphrase.Length}.");
                }

                var salt = RandomNumberGenerator.GetBytes(VaultCipher.SaltSize);
                var derived = VaultCipher.Derive(key.Passphrase, salt, VaultFormat.Iterations);
                var kind = VaultFormat.KindName(VaultKeyKind.Passphrase);
                return (new VaultHeader(VaultFormat.Version, VaultFormat.Cipher, kind, VaultCipher.SealCheck(derived, kind), new VaultKdf(VaultFormat.KdfAlgorithm, VaultFormat.Iterations, Convert.ToBase64String(salt))), derived);
            case VaultKeyKind.KeyFile:
                var fileKey = VaultKeyFile.Read(key.KeyFile!);
                if (fileKey is null)
                {
                    fileKey = RandomNumberGenerator.GetBytes(VaultKeySource.KeySize);
                    await VaultKeyFile.WriteAsync(key.KeyFile!, fileKey, null, null, cancellationToken);
                }

                var fileKind = VaultFormat.KindName(VaultKeyKind.KeyFile);
                return (new VaultHeader(VaultFormat.Version, VaultFormat.Cipher, fileKind, VaultCipher.SealCheck(fileKey, fileKind)), fileKey);
            default:
                var raw = key.Key!.ToArray();
                var rawKind = VaultFormat.KindName(VaultKeyKind.Key);
                return (new VaultHeader(VaultFormat.Version, VaultFormat.Cipher, rawKind, VaultCipher.SealCheck(raw, rawKind)), raw);
        }
    }

    private static async Task<VaultHeader?> ReadHeaderAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT key_kind, check_nonce, check_ciphertext, check_tag, kdf_salt, kdf_iterations FROM vault_header", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var check = new VaultSealed(
            Convert.ToBase64String(reader.GetFieldValue<byte[]>(1)),
            Convert.ToBase64String(reader.GetFieldValue<byte[]>(2)),
            Convert.ToBase64String(reader.GetFieldValue<byte[]>(3)));
        var kdf = reader.IsDBNull(4) ? null : new VaultKdf(VaultFormat.KdfAlgorithm, reader.GetInt32(5), Convert.ToBase64String(reader.GetFieldValue<byte[]>(4)));
        return new VaultHeader(VaultFormat.Version, VaultFormat.Cipher, reader.GetString(0), check, kdf);
    }
}
