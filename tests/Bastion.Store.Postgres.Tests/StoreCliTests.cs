using System.Globalization;

namespace Bastion.Store.Postgres.Tests;

/// <summary>The vault, keys, hosts, migrate and doctor verbs of a real <c>bastion</c> process against a real PostgreSQL.</summary>
public sealed class StoreCliTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // Every run of this class holds the same vault key (the store's vault is keyed once, by its first writer).
    private static readonly Dictionary<string, string?> VaultKey = new() { ["BASTION_VAULT_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(string dataDirectory, string? input, params string[] args) =>
        BastionInstance.RunWithAsync(database, dataDirectory, input, VaultKey, args);

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    [PostgresFact]
    public async Task VaultKeysAndHostsVerbs_ActOnTheStore_AndLeaveTheDataDirectoryAlone()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-cli-").FullName;
        const string Secret = "webops-token-PLAINTEXT-91ab";

        var set = await Run(dir, Secret + "\n", "vault", "set", "webops/token", "--tenant", "acme", "--store", database.Url);
        set.Stderr.ShouldBeEmpty();
        set.Stdout.ShouldContain($"Stored webops/token (tenant acme) in {database.Url} (vault_entries)");
        // BASTION_STORE names the store as --store does.
        var list = await BastionInstance.RunWithAsync(database, dir, null, new Dictionary<string, string?>(VaultKey) { ["BASTION_STORE"] = database.Url }, "vault", "list", "--tenant", "acme");
        list.Stdout.ShouldContain("webops/token");
        var created = await Run(dir, null, "keys", "create", "--tenant", "acme", "--scopes", "hosts:read", "--name", "ci", "--store", database.Url);
        created.ExitCode.ShouldBe(0, created.Stderr);
        var id = created.Stdout.Trim()[4..12];
        var added = await Run(dir, null, "hosts", "add", "web-01", "--address", "127.0.0.1", "--no-test", "--tenant", "acme", "--store", database.Url);
        added.Stdout.ShouldContain($"Added web-01 (127.0.0.1) to tenant 'acme' in {database.Url}");
        var hosts = await Run(dir, null, "hosts", "list", "--tenant", "acme", "--store", database.Url);
        var revoked = await Run(dir, null, "keys", "revoke", id, "--store", database.Url);

        hosts.Stdout.ShouldContain("web-01");
        revoked.Stdout.ShouldContain($"Revoked API key {id} (tenant acme).");
        (await database.ScalarAsync($"SELECT revoked IS NOT NULL FROM api_keys WHERE id = '{id}'")).ShouldBe(true);
        (await CountAsync($"SELECT count(*) FROM api_keys WHERE sha256 = encode(sha256(decode(translate(substr('{created.Stdout.Trim()}', 14), '-_', '+/') || '=', 'base64')), 'hex')")).ShouldBe(1);
        (await CountAsync($"SELECT count(*) FROM vault_entries WHERE position(convert_to('{Secret}', 'UTF8') IN ciphertext) > 0")).ShouldBe(0);
        File.Exists(Path.Combine(dir, "vault.json")).ShouldBeFalse();
        File.Exists(Path.Combine(dir, "keys.json")).ShouldBeFalse();
        File.Exists(Path.Combine(dir, "tenants", "acme", "inventory.yaml")).ShouldBeFalse();
    }

    [PostgresFact]
    public async Task Migrate_MovesADataDirectoryIntoTheStore_AndASecondRunChangesNothing()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-mig-").FullName;
        (await Run(dir, "cw-secret-value\n", "vault", "set", "cloudways/api-key")).ExitCode.ShouldBe(0);
        (await Run(dir, null, "keys", "create", "--tenant", "globex", "--scopes", "hosts:read")).ExitCode.ShouldBe(0);
        (await Run(dir, null, "hosts", "add", "db-01", "--address", "127.0.0.1", "--port", "2222", "--no-test")).ExitCode.ShouldBe(0);
        (await Run(dir, null, "hosts", "add", "web-02", "--address", "127.0.0.2", "--no-test", "--tenant", "globex")).ExitCode.ShouldBe(0);
        await File.WriteAllTextAsync(Path.Combine(dir, "known_hosts"), "[127.0.0.1]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMig\n");
        for (var i = 0; i < 3; i++)
        {
            (await Run(dir, null, "call", "access_status")).ExitCode.ShouldBe(0);
        }

        var first = await Run(dir, null, "migrate", "--from", dir, "--store", database.Url);
        var second = await Run(dir, null, "migrate", "--from", dir, "--store", database.Url);

        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("api keys: 1 added, 0 already in the store");
        first.Stdout.ShouldContain("vault: 1 added, 0 already in the store");
        first.Stdout.ShouldContain("inventory (tenant 'default'): 1 host(s) added");
        first.Stdout.ShouldContain("inventory (tenant 'globex'): 1 host(s) added");
        first.Stdout.ShouldContain("host keys (tenant 'default'): 1 added");
        first.Stdout.ShouldContain("audit (tenant 'default'): 3 entries appended");
        second.ExitCode.ShouldBe(0, second.Stderr);
        second.Stdout.ShouldContain($"Nothing changed: everything in {dir} was already in {database.Url}.");
        second.Stdout.ShouldContain("audit (tenant 'default'): 0 entries appended to the store's chain, 3 taken by an earlier run");
        (await CountAsync("SELECT count(*) FROM inventory_hosts")).ShouldBe(2);
        (await CountAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'default'")).ShouldBe(3);

        var verify = await Run(dir, null, "audit", "verify", "--store", database.Url);
        verify.ExitCode.ShouldBe(0, verify.Stdout + verify.Stderr);
        var export = await Run(dir, null, "audit", "export", "--store", database.Url);
        export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(3);
        export.Stdout.ShouldContain("\"access_status\"");
        var vault = await Run(dir, null, "vault", "list", "--store", database.Url);
        vault.Stdout.ShouldContain("cloudways/api-key");
        var doctor = await Run(dir, null, "doctor", "--store", database.Url);
        doctor.Stdout.ShouldContain("store locks");
        doctor.Stdout.ShouldContain("an advisory lock was taken and released");
        doctor.Stdout.ShouldContain("3 entries, chain intact");
    }
}
