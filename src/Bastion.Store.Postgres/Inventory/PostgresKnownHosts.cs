using System.Security.Cryptography;
using System.Text;
using Bastion.Core;
using Bastion.Core.Configuration;
using Npgsql;

namespace Bastion.Store.Postgres.Inventory;

/// <summary>
/// The SSH host keys Bastion recorded for each tenant (its known_hosts), one row per key in <c>known_hosts</c>:
/// the host field as OpenSSH wrote it (plain names, <c>[host]:port</c>, or hashed <c>|1|salt|hash</c>; a marker such
/// as <c>@cert-authority</c> stays in front), the key type and the base64 key. Comments are not kept.
/// <see cref="WriteFileAsync"/> writes a tenant's keys as a known_hosts file for <c>ssh -o UserKnownHostsFile</c>.
/// </summary>
public sealed class PostgresKnownHosts(PostgresStore store)
{
    /// <summary>Adds the keys in <paramref name="lines"/> (known_hosts lines; blank lines and comments skipped); returns how many were new.</summary>
    /// <exception cref="BastionException">A line is not <c>[marker] hosts type key [comment]</c> (nothing is added), or the store cannot be reached.</exception>
    public Task<int> AddAsync(string tenant, IEnumerable<string> lines, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var keys = lines.Select((line, i) => (line.Trim(), i + 1)).Where(l => l.Item1.Length > 0 && !l.Item1.StartsWith('#')).Select(l => Parse(l.Item1, l.Item2)).ToList();
        return store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var added = 0;
                foreach (var (hosts, type, key) in keys)
                {
                    await using var command = new NpgsqlCommand("INSERT INTO known_hosts (tenant, hosts, key_type, key) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING", connection, transaction);
                    command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    command.Parameters.Add(new NpgsqlParameter { Value = hosts });
                    command.Parameters.Add(new NpgsqlParameter { Value = type });
                    command.Parameters.Add(new NpgsqlParameter { Value = key });
                    added += await command.ExecuteNonQueryAsync(cancellationToken);
                }

                return added;
            },
            cancellationToken);
    }

    /// <summary>The tenant's keys as known_hosts lines (<c>hosts type key</c>), in a stable order.</summary>
    public Task<IReadOnlyList<string>> ListAsync(string tenant, CancellationToken cancellationToken) =>
        store.RunAsync<IReadOnlyList<string>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT hosts, key_type, key FROM known_hosts WHERE tenant = $1 ORDER BY hosts COLLATE \"C\", key_type, key", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                var lines = new List<string>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    lines.Add($"{reader.GetString(0)} {reader.GetString(1)} {reader.GetString(2)}");
                }

                return lines;
            },
            cancellationToken);

    /// <summary>Forgets every key recorded for <paramref name="lookup"/> (a host name, or <c>[host]:port</c>), hashed entries included; returns how many.</summary>
    public Task<int> ForgetAsync(string tenant, string lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        return store.InTransactionAsync(
            async (connection, transaction) =>
            {
                var doomed = new List<(string, string, string)>();
                await using (var command = new NpgsqlCommand("SELECT hosts, key_type, key FROM known_hosts WHERE tenant = $1 FOR UPDATE", connection, transaction))
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (Matches(reader.GetString(0), lookup))
                        {
                            doomed.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                        }
                    }
                }

                foreach (var (hosts, type, key) in doomed)
                {
                    await using var delete = new NpgsqlCommand("DELETE FROM known_hosts WHERE tenant = $1 AND hosts = $2 AND key_type = $3 AND key = $4", connection, transaction);
                    delete.Parameters.Add(new NpgsqlParameter { Value = tenant });
                    delete.Parameters.Add(new NpgsqlParameter { Value = hosts });
                    delete.Parameters.Add(new NpgsqlParameter { Value = type });
                    delete.Parameters.Add(new NpgsqlParameter { Value = key });
                    await delete.ExecuteNonQueryAsync(cancellationToken);
                }

                return doomed.Count;
            },
            cancellationToken);
    }

    /// <summary>Writes the tenant's keys to <paramref name="path"/> as a known_hosts file (temporary file, then rename; mode 0600).</summary>
    public async Task WriteFileAsync(string tenant, string path, CancellationToken cancellationToken)
    {
        var lines = await ListAsync(tenant, cancellationToken);
        await AtomicFile.WriteAllTextAsync(path, string.Concat(lines.Select(l => l + "\n")), new AtomicWriteOptions { Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite }, cancellationToken);
    }

    private static (string Hosts, string Type, string Key) Parse(string line, int number)
    {
        var parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var skip = parts.Length > 0 && parts[0].StartsWith('@') ? 1 : 0;
        if (parts.Length < skip + 3)
        {
            throw new BastionException($"known_hosts line {number} is not '[@marker] hosts key-type base64-key [comment]'; nothing was added.");
        }

        var hosts = skip == 1 ? parts[0] + " " + parts[1] : parts[0];
        return (hosts, parts[skip + 1], parts[skip + 2]);
    }

    /// <summary>True when the host field names <paramref name="lookup"/>: a plain entry of its comma list, or a hashed <c>|1|salt|hash</c> of it.</summary>
    private static bool Matches(string hosts, string lookup)
    {
        var field = hosts.StartsWith('@') ? hosts[(hosts.IndexOf(' ', StringComparison.Ordinal) + 1)..] : hosts;
        if (field.StartsWith("|1|", StringComparison.Ordinal))
        {
            var parts = field.Split('|');
            if (parts.Length != 4)
            {
                return false;
            }

            try
            {
                // OpenSSH's HashKnownHosts format is HMAC-SHA1 (it hides names; it is not what keeps a key trusted).
#pragma warning disable CA5350
                var mac = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.UTF8.GetBytes(lookup));
#pragma warning restore CA5350
                return CryptographicOperations.FixedTimeEquals(mac, Convert.FromBase64String(parts[3]));
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return field.Split(',').Contains(lookup, StringComparer.Ordinal);
    }
}
