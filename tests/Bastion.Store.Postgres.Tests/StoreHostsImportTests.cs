namespace Bastion.Store.Postgres.Tests;

/// <summary><c>bastion hosts import --store</c> of a real process against a real PostgreSQL (a database of its own: other classes count every tenant's hosts).</summary>
public sealed class StoreHostsImportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly Dictionary<string, string?> VaultKey = new() { ["BASTION_VAULT_KEY"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)) };

    private Task<(int ExitCode, string Stdout, string Stderr)> Run(string dataDirectory, string? input, params string[] args) =>
        BastionInstance.RunWithAsync(database, dataDirectory, input, VaultKey, args);

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await database.ScalarAsync(sql), System.Globalization.CultureInfo.InvariantCulture);

    [PostgresFact]
    public async Task HostsImport_PutsTheHostsInTheStoresTenant_AndASecondRunSkipsThem()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-import-").FullName;
        var ini = Path.Combine(dir, "hosts.ini");
        await File.WriteAllTextAsync(ini, "[web]\nweb-11 ansible_host=127.0.0.11 ansible_user=deploy\nweb-12 ansible_host=127.0.0.12 ansible_port=2222\n[db]\ndb-11 ansible_host=127.0.0.13\n");
        (await Run(dir, null, "hosts", "add", "db-11", "--address", "127.0.0.99", "--no-test", "--tenant", "initech", "--store", database.Url)).ExitCode.ShouldBe(0);

        var dryRun = await Run(dir, null, "hosts", "import", "--ansible", ini, "--dry-run", "--tenant", "initech", "--store", database.Url);
        var countAfterDryRun = await CountAsync("SELECT count(*) FROM inventory_hosts WHERE tenant = 'initech'");
        var first = await Run(dir, null, "hosts", "import", "--ansible", ini, "--tenant", "initech", "--store", database.Url);
        var second = await Run(dir, null, "hosts", "import", "--ansible", ini, "--tenant", "initech", "--store", database.Url);

        dryRun.ExitCode.ShouldBe(0, dryRun.Stderr);
        countAfterDryRun.ShouldBe(1);
        first.ExitCode.ShouldBe(0, first.Stderr);
        first.Stdout.ShouldContain("skipped: 'db-11' is already in the inventory.");
        first.Stdout.ShouldContain($"2 host(s) imported into tenant 'initech' in {database.Url}");
        second.Stdout.ShouldContain($"0 host(s) imported into tenant 'initech' in {database.Url}");
        (await database.ScalarAsync("SELECT string_agg(name || '@' || address || ':' || coalesce(port::text, '-') || ':' || coalesce(ssh_user, '-') || ':' || array_to_string(groups, ','), ' ' ORDER BY position) FROM inventory_hosts WHERE tenant = 'initech'"))
            .ShouldBe("db-11@127.0.0.99:-:-: web-11@127.0.0.11:-:deploy:web web-12@127.0.0.12:2222:-:web");
        File.Exists(Path.Combine(dir, "tenants", "initech", "inventory.yaml")).ShouldBeFalse();
    }
}
