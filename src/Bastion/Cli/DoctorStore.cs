using System.CommandLine;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Audit;
using Bastion.Store.Postgres.History;

namespace Bastion.Cli;

/// <summary>
/// The checks of <c>bastion doctor --store …</c>: the connection (server version), the schema version against the one
/// this Bastion builds, lock health (an advisory lock taken and released), every tenant's audit chain in the store, and
/// every tenant's history rows (counts, oldest and newest tick; <see cref="PostgresHistorySummary"/>).
/// </summary>
internal static class DoctorStore
{
    public static async Task<IReadOnlyList<DoctorCheck>> CheckAsync(ParseResult parse, BastionPaths paths, CancellationToken cancellationToken)
    {
        PostgresStore? store;
        try
        {
            store = StoreFlags.Create(parse);
        }
        catch (BastionException e)
        {
            return [new DoctorCheck("shared store", "fail", e.Message, "Give --store " + Store.Postgres.Connection.StoreLocation.Syntax)];
        }

        if (store is null)
        {
            return [];
        }

        await using (store)
        {
            var checks = new List<DoctorCheck>();
            try
            {
                var version = await store.ServerVersionAsync(cancellationToken);
                checks.Add(new DoctorCheck("shared store", "ok", $"{store.Location.Display}, PostgreSQL {version}", null));
            }
            catch (BastionException e)
            {
                checks.Add(new DoctorCheck("shared store", "fail", e.Message, "Check that PostgreSQL runs and listens there, the user and database exist, and the password (--store-password-file, PGPASSWORD or ~/.pgpass)."));
                return checks;
            }

            var schema = await store.SchemaVersionAsync(cancellationToken);
            checks.Add(schema == PostgresStore.LatestSchemaVersion
                ? new DoctorCheck("store schema", "ok", $"version {schema}", null)
                : schema < PostgresStore.LatestSchemaVersion
                    ? new DoctorCheck("store schema", "warn", $"version {schema}; this Bastion builds {PostgresStore.LatestSchemaVersion}", "Start `bastion serve --http --store …` once: it applies the missing steps under a lock.")
                    : new DoctorCheck("store schema", "fail", $"version {schema}, newer than this Bastion ({PostgresStore.LatestSchemaVersion})", "Upgrade Bastion on this machine."));
            try
            {
                checks.Add(await store.CheckAdvisoryLockAsync("bastion-doctor-lock-check", TimeSpan.FromSeconds(5), cancellationToken)
                    ? new DoctorCheck("store locks", "ok", "an advisory lock was taken and released", null)
                    : new DoctorCheck("store locks", "fail", "an advisory lock could not be taken within 5 s", "Look for sessions holding advisory locks: SELECT * FROM pg_locks WHERE locktype = 'advisory'."));
            }
            catch (BastionException e)
            {
                checks.Add(new DoctorCheck("store locks", "fail", e.Message, "Advisory locks need a direct session: a pooler in transaction mode (pgbouncer) in front of PostgreSQL breaks them."));
            }

            if (schema < 2)
            {
                return checks;
            }

            var keyFile = StoreFlags.AuditKeyFile(parse, paths);
            foreach (var tenant in await PostgresAuditVerifier.TenantsAsync(store, cancellationToken))
            {
                var result = await PostgresAuditVerifier.VerifyAsync(store, tenant, keyFile, cancellationToken);
                checks.Add(result.Ok
                    ? new DoctorCheck($"store audit '{tenant}'", "ok", $"{result.EntriesChecked} entries, chain intact", null)
                    : new DoctorCheck($"store audit '{tenant}'", "fail", result.Problem ?? "broken", $"Export the chain for investigation (bastion audit export --store … --tenant {tenant}); the keyring is {keyFile}."));
            }

            if (schema >= 7)
            {
                foreach (var h in await PostgresHistorySummary.TenantsAsync(store, cancellationToken))
                {
                    var span = h.Oldest is { } oldest && h.Newest is { } newest
                        ? $", oldest tick {oldest.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z, newest {newest.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z"
                        : ", no ticks";
                    checks.Add(new DoctorCheck($"store history '{h.Tenant}'", "ok", $"{h.Ticks} ticks, {h.Series} series, {h.Samples} samples, {h.Rollups} rollups, {h.Alerts} alerts{span}", null));
                }
            }

            return checks;
        }
    }
}
