using System.Text.Json;
using Bastion.Core;
using Bastion.Core.Inventory;
using Npgsql;
using NpgsqlTypes;

namespace Bastion.Store.Postgres.Inventory;

/// <summary>
/// Each tenant's SSH hosts in the shared store: one row per (tenant, host name) in <c>inventory_hosts</c>, in the order
/// they were added, with the fields of <c>inventory.yaml</c>. Every host is checked by <see cref="HostValidator"/>
/// before it is written, as the file inventory does.
/// </summary>
public sealed class PostgresInventory(PostgresStore store)
{
    /// <summary>The hosts of <paramref name="tenant"/>, in inventory order.</summary>
    /// <exception cref="BastionException">The store cannot be reached.</exception>
    public Task<IReadOnlyList<Host>> ListAsync(string tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        return store.RunAsync<IReadOnlyList<Host>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT name, address, port, ssh_user, identity_file, jump, groups, labels::text FROM inventory_hosts WHERE tenant = $1 ORDER BY position, name", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                var hosts = new List<Host>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    hosts.Add(new Host(
                        reader.GetString(0),
                        HostKind.Ssh,
                        reader.GetString(1),
                        reader.IsDBNull(2) ? null : reader.GetInt32(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4),
                        reader.IsDBNull(5) ? null : reader.GetString(5),
                        reader.GetFieldValue<string[]>(6),
                        Labels(reader.GetString(7))));
                }

                return hosts;
            },
            cancellationToken);
    }

    /// <summary>Adds <paramref name="host"/> to <paramref name="tenant"/>'s inventory, after the hosts already there.</summary>
    /// <exception cref="BastionException">The host is invalid or its name is taken in that tenant, or the store cannot be reached.</exception>
    public async Task AddAsync(string tenant, Host host, CancellationToken cancellationToken)
    {
        if (!await InsertAsync(tenant, host, cancellationToken))
        {
            throw new BastionException($"Tenant '{tenant}' already has a host named '{host.Name}' in {store.Location.Display}; remove it first or pick another name.");
        }
    }

    /// <summary>Adds <paramref name="host"/> unless the tenant has a host of that name; true when added (the import's step).</summary>
    public Task<bool> InsertAsync(string tenant, Host host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Check(host);
        return store.RunAsync(
            async connection =>
            {
                await using var command = InsertCommand(connection, null, tenant, host);
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);
    }

    /// <summary>
    /// Adds every host of <paramref name="hosts"/> that <paramref name="tenant"/> has no host of that name for, in their
    /// order and in one transaction (all of them or, on a failure, none); returns the names added.
    /// </summary>
    /// <exception cref="BastionException">A host is invalid (nothing is added), or the store cannot be reached.</exception>
    public Task<IReadOnlyList<string>> InsertManyAsync(string tenant, IReadOnlyList<Host> hosts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(hosts);
        foreach (var host in hosts)
        {
            Check(host);
        }

        return store.InTransactionAsync<IReadOnlyList<string>>(
            async (connection, transaction) =>
            {
                var added = new List<string>();
                foreach (var host in hosts)
                {
                    await using var command = InsertCommand(connection, transaction, tenant, host);
                    if (await command.ExecuteNonQueryAsync(cancellationToken) == 1)
                    {
                        added.Add(host.Name);
                    }
                }

                return added;
            },
            cancellationToken);
    }

    private static void Check(Host host)
    {
        ArgumentNullException.ThrowIfNull(host);
        HostValidator.Validate(host, $"host '{host.Name}'");
        if (host.Kind != HostKind.Ssh)
        {
            throw new BastionException($"Only SSH hosts are kept in the inventory; '{host.Name}' is {host.Kind}.");
        }
    }

    private static NpgsqlCommand InsertCommand(NpgsqlConnection connection, NpgsqlTransaction? transaction, string tenant, Host host)
    {
        var command = new NpgsqlCommand(
            """
            INSERT INTO inventory_hosts (tenant, name, position, address, port, ssh_user, identity_file, jump, groups, labels)
            VALUES ($1, $2, (SELECT coalesce(max(position), 0) + 1 FROM inventory_hosts WHERE tenant = $1), $3, $4, $5, $6, $7, $8, $9::jsonb)
            ON CONFLICT (tenant, name) DO NOTHING
            """, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = host.Name });
        command.Parameters.Add(new NpgsqlParameter { Value = host.Address });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (object?)host.Port ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)host.User ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)host.IdentityFile ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)host.Jump ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = host.Groups.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = LabelsJson(host.Labels) });
        return command;
    }

    /// <summary>Removes the host <paramref name="name"/> of <paramref name="tenant"/>; false when there was none.</summary>
    public Task<bool> RemoveAsync(string tenant, string name, CancellationToken cancellationToken) =>
        store.RunAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("DELETE FROM inventory_hosts WHERE tenant = $1 AND name = $2", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = tenant });
                command.Parameters.Add(new NpgsqlParameter { Value = name });
                return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
            },
            cancellationToken);

    private static string LabelsJson(IReadOnlyDictionary<string, string> labels)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, value) in labels)
            {
                writer.WriteString(key, value);
            }

            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static Dictionary<string, string> Labels(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty, StringComparer.Ordinal);
    }
}
