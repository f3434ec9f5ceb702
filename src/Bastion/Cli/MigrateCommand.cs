using System.CommandLine;
using Bastion.Core;
using Bastion.Core.Audit;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Secrets.Vault;
using Bastion.Http.Auth;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Audit;
using Bastion.Store.Postgres.Inventory;
using Bastion.Store.Postgres.Keys;
using Bastion.Store.Postgres.Vault;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion migrate --store … --from DIR [--tenant T]</c>: copies a data directory's state into the shared store —
/// the vault (decrypted with the directory's key, encrypted again by Bastion for the store), the API keys (their
/// hashes), the inventory, the recorded host keys, the audit chain (verified first; entries appended to the store's
/// chain of the tenant with their times, chained and keyed anew) and <c>history.db</c>'s history and alert state (read-only;
/// <see cref="MigrateHistory"/>). Idempotent: what is already in the store is left as
/// it is and counted, the audit entries an earlier run took are not taken again, and a run that changes nothing says so.
/// Without <c>--tenant</c>, DIR's own state goes to tenant <c>default</c> (the server's own principals) and each <c>tenants/NAME/</c> under it to
/// tenant NAME. The way back out for the audit chain is <c>bastion audit export --store … --tenant T</c> (JSON Lines).
/// </summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "The data directory to move into the store (e.g. ~/.local/share/bastion).", Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "Put DIR's inventory, host keys, audit chain and history under this tenant (default: default, the server's own principals; and tenants/NAME/ under DIR to NAME)." };
        var command = new Command(
            "migrate",
            "Copy a data directory's vault, API keys, inventory, host keys, audit chain and metrics history (history.db, alerts) into the shared store (--store). " +
            "Safe to run again: what is there already is kept, and a second run says that nothing changed.")
        {
            from, tenant,
        };
        StoreFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var directory = Path.GetFullPath(parse.GetValue(from)!);
            if (!Directory.Exists(directory))
            {
                throw new BastionException($"--from {directory} is not a directory; give the data directory to move (the one holding inventory.yaml, vault.json, keys.json, audit/).");
            }

            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken)
                ?? throw new BastionException("bastion migrate needs --store postgres://… (or BASTION_STORE): the store to move the data directory into.");
            var root = new BastionPaths(directory);
            var parts = parse.GetValue(tenant) is { } only
                ? [(root, TenantName.Validate(only))]
                : new List<(BastionPaths Paths, string Tenant)> { (root, CredentialVault.DefaultTenant) }.Concat(TenantDirectories(root)).ToList();
            var storeKey = VaultKeySource.FromEnvironment(ServerFlags.Paths(parse));
            var changed = 0L;
            changed += await KeysAsync(store, root, cancellationToken);
            foreach (var (paths, name) in parts)
            {
                changed += await VaultAsync(store, paths, storeKey, cancellationToken);
                changed += await InventoryAsync(store, paths, name, cancellationToken);
                changed += await KnownHostsAsync(store, paths, name, cancellationToken);
                changed += await AuditAsync(parse, store, paths, name, cancellationToken);
                changed += await MigrateHistory.RunAsync(store, Path.Combine(paths.DataDirectory, Store.Sqlite.SqliteStoreSetup.HistoryFile), name, cancellationToken);
            }

            await Console.Out.WriteLineAsync(changed == 0
                ? $"Nothing changed: everything in {directory} was already in {store.Location.Display}."
                : $"Moved {changed} item(s) from {directory} into {store.Location.Display}. The data directory is left as it was; keep it as a backup until the instances run on the store.");
            return 0;
        });
        return command;
    }

    private static IEnumerable<(BastionPaths, string)> TenantDirectories(BastionPaths root)
    {
        var tenants = Path.Combine(root.DataDirectory, "tenants");
        return Directory.Exists(tenants)
            ? Directory.EnumerateDirectories(tenants).Select(Path.GetFileName).OfType<string>().Where(TenantName.IsValid).Order(StringComparer.Ordinal).Select(t => (root.ForTenant(t), t))
            : [];
    }

    private static string Label(string tenant) => $"tenant '{tenant}'";

    private static async Task Say(string line) => await Console.Out.WriteLineAsync(line);

    private static async Task<long> KeysAsync(PostgresStore store, BastionPaths root, CancellationToken cancellationToken)
    {
        var file = Path.Combine(root.DataDirectory, ApiKeyStore.FileName);
        if (!File.Exists(file))
        {
            return 0;
        }

        var keys = new PostgresApiKeys(store);
        var (added, there) = (0, 0);
        foreach (var key in ApiKeyFile.Parse(file, await File.ReadAllTextAsync(file, cancellationToken)))
        {
            if (await keys.AddAsync(new StoreApiKey(key.Id, key.Tenant, key.Name, key.Scopes, key.Sha256, key.Created, key.Expires, key.Revoked), cancellationToken))
            {
                added++;
            }
            else
            {
                there++;
            }
        }

        await Say($"api keys: {added} added, {there} already in the store ({file}).");
        return added;
    }

    private static async Task<long> VaultAsync(PostgresStore store, BastionPaths paths, VaultKeySource storeKey, CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.VaultFile))
        {
            return 0;
        }

        using var file = CredentialVault.Open(paths);
        var shared = new PostgresVault(store, storeKey);
        var (added, same, differ) = (0, 0, new List<string>());
        foreach (var item in file.List())
        {
            var value = file.Get(item.Tenant, item.Name)!;
            var there = await shared.GetAsync(item.Tenant, item.Name, cancellationToken);
            if (there is null)
            {
                await shared.SetAsync(item.Tenant, item.Name, value, cancellationToken);
                added++;
            }
            else if (there == value)
            {
                same++;
            }
            else
            {
                differ.Add($"{item.Tenant}/{item.Name}");
            }
        }

        await Say($"vault: {added} added, {same} already in the store{(differ.Count > 0 ? $", {differ.Count} kept as the store has them (different there: {string.Join(", ", differ)})" : string.Empty)} ({paths.VaultFile}).");
        return added;
    }

    private static async Task<long> InventoryAsync(PostgresStore store, BastionPaths paths, string tenant, CancellationToken cancellationToken)
    {
        var contents = InventoryFile.Read(paths.InventoryFile);
        if (contents.Hosts.Count == 0 && contents.Invalid.Count == 0)
        {
            return 0;
        }

        var inventory = new PostgresInventory(store);
        var (added, there) = (0, 0);
        foreach (var host in contents.Hosts)
        {
            if (await inventory.InsertAsync(tenant, host, cancellationToken))
            {
                added++;
            }
            else
            {
                there++;
            }
        }

        await Say($"inventory ({Label(tenant)}): {added} host(s) added, {there} already in the store" +
            (contents.Invalid.Count > 0 ? $", {contents.Invalid.Count} invalid entr{(contents.Invalid.Count == 1 ? "y" : "ies")} left out: {string.Join(" ", contents.Invalid.Select(e => e.Describe(paths.InventoryFile)))}" : string.Empty) +
            $" ({paths.InventoryFile}).");
        return added;
    }

    private static async Task<long> KnownHostsAsync(PostgresStore store, BastionPaths paths, string tenant, CancellationToken cancellationToken)
    {
        if (!File.Exists(paths.KnownHostsFile))
        {
            return 0;
        }

        var lines = await File.ReadAllLinesAsync(paths.KnownHostsFile, cancellationToken);
        var added = await new PostgresKnownHosts(store).AddAsync(tenant, lines, cancellationToken);
        var keys = lines.Count(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'));
        await Say($"host keys ({Label(tenant)}): {added} added, {keys - added} already in the store ({paths.KnownHostsFile}).");
        return added;
    }

    private static async Task<long> AuditAsync(ParseResult parse, PostgresStore store, BastionPaths paths, string tenant, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(paths.AuditDirectory) || !Directory.EnumerateFiles(paths.AuditDirectory, "*.jsonl*").Any())
        {
            return 0;
        }

        var verification = await AuditLog.VerifyAsync(paths.AuditDirectory, cancellationToken);
        if (!verification.Ok)
        {
            throw new BastionException(
                $"The audit chain in {paths.AuditDirectory} does not verify ({verification.Problem}); it was not moved (what came before it was). " +
                "Examine it with `bastion audit verify`; keep the directory as the record.");
        }

        var entries = new List<AuditEntry>();
        using (var log = new AuditLog(new AuditOptions { Directory = paths.AuditDirectory }, TimeProvider.System))
        {
            await foreach (var entry in log.ReadAsync(cancellationToken))
            {
                entries.Add(entry);
            }
        }

        var keyFile = StoreFlags.AuditKeyFile(parse, ServerFlags.Paths(parse));
        await StoreAuditKeys.EnsureAsync(keyFile, TimeProvider.System, cancellationToken);
        var chain = new PostgresAuditChain(store, tenant, keyFile, TimeProvider.System);
        var (appended, before) = await chain.ImportAsync(Path.GetFullPath(paths.AuditDirectory), entries, cancellationToken);
        await Say($"audit ({Label(tenant)}): {appended} entr{(appended == 1 ? "y" : "ies")} appended to the store's chain, {before} taken by an earlier run ({entries.Count} in {paths.AuditDirectory}, chain verified).");
        return appended;
    }
}
