using Bastion.Core;
using Medallion.Threading.Postgres;
using Npgsql;

namespace Bastion.Store.Postgres.Schema;

/// <summary>
/// Brings a database to <see cref="Migrations.Latest"/>. Instances that start together each call it: they queue on one
/// PostgreSQL advisory lock, the first applies the missing steps (each step and its row in <c>bastion_schema</c> in one
/// transaction), the others find nothing left to do. A database newer than this Bastion is refused, not touched.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>The advisory lock's name; every instance of every version uses this one.</summary>
    public const string LockName = "bastion-schema-migration";

    private const string VersionTable = """
        CREATE TABLE IF NOT EXISTS bastion_schema (
            version     integer     PRIMARY KEY,
            description text        NOT NULL,
            applied     timestamptz NOT NULL DEFAULT now()
        );
        """;

    /// <summary>Applies the missing steps; returns the version found before and how many steps this call applied.</summary>
    /// <exception cref="BastionException">The database is newer than this Bastion, or a step failed (that step was rolled back).</exception>
    public static async Task<(int Before, int Applied)> MigrateAsync(NpgsqlDataSource source, string connectionString, TimeSpan lockTimeout, CancellationToken cancellationToken)
    {
        var advisory = new PostgresDistributedLock(new PostgresAdvisoryLockKey(LockName, allowHashing: true), connectionString);
        await using var handle = await advisory.TryAcquireAsync(lockTimeout, cancellationToken)
            ?? throw new BastionException($"Another Bastion has held the schema migration lock for more than {lockTimeout.TotalSeconds:0} s; check it (bastion doctor --store …) and start again.");
        await using var connection = await source.OpenConnectionAsync(cancellationToken);
        await using (var create = new NpgsqlCommand(VersionTable, connection))
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var before = await VersionAsync(connection, cancellationToken);
        if (before > Migrations.Latest)
        {
            throw new BastionException($"The store's schema is at version {before}, newer than this Bastion knows ({Migrations.Latest}); upgrade Bastion before it uses this store.");
        }

        var applied = 0;
        foreach (var step in Migrations.All.Where(m => m.Version > before))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            try
            {
                await using (var sql = new NpgsqlCommand(step.Sql, connection, transaction))
                {
                    await sql.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var row = new NpgsqlCommand("INSERT INTO bastion_schema (version, description) VALUES ($1, $2)", connection, transaction))
                {
                    row.Parameters.Add(new NpgsqlParameter { Value = step.Version });
                    row.Parameters.Add(new NpgsqlParameter { Value = step.Description });
                    await row.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                applied++;
            }
            catch (PostgresException e)
            {
                throw new BastionException($"Schema step {step.Version} ({step.Description}) failed and was rolled back: {e.MessageText}", e);
            }
        }

        return (before, applied);
    }

    /// <summary>The version the database is at: 0 when Bastion never set it up.</summary>
    public static async Task<int> VersionAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using (var exists = new NpgsqlCommand("SELECT to_regclass('bastion_schema') IS NOT NULL", connection))
        {
            if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
            {
                return 0;
            }
        }

        await using var command = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM bastion_schema", connection);
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
