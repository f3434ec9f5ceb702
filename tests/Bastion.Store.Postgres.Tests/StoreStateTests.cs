using System.Globalization;
using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Core.Secrets.Vault;
using Bastion.Store.Postgres.Inventory;
using Bastion.Store.Postgres.Keys;
using Bastion.Store.Postgres.Vault;

namespace Bastion.Store.Postgres.Tests;

/// <summary>The vault, API keys, inventories and known host keys per tenant in a real PostgreSQL.</summary>
public sealed class StoreStateTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private static readonly VaultKeySource Key = VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32), "the test's key");

    public async Task InitializeAsync()
    {
        if (TestDatabase.AdminConnectionString is { Length: > 0 })
        {
            await using var store = database.Store();
            await store.MigrateAsync(null, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<long> CountAsync(string sql) => Convert.ToInt64(await database.ScalarAsync(sql), CultureInfo.InvariantCulture);

    [PostgresFact]
    public async Task VaultSet_StoresOnlyCiphertext_AndReadsTheValueBack()
    {
        await using var store = database.Store();
        var vault = new PostgresVault(store, Key);
        const string Secret = "cw-api-key-PLAINTEXT-7f3a9c";

        await vault.SetAsync("acme", "cloudways/api-key", Secret, CancellationToken.None);

        (await vault.GetAsync("acme", "cloudways/api-key", CancellationToken.None)).ShouldBe(Secret);
        var everything = (string)(await database.ScalarAsync(
            "SELECT string_agg(t::text, ' ') FROM (SELECT v::text AS t FROM vault_entries v UNION ALL SELECT h::text FROM vault_header h) x"))!;
        everything.ShouldNotContain(Secret);
        everything.ShouldNotContain(Convert.ToHexStringLower(System.Text.Encoding.UTF8.GetBytes(Secret)));
        everything.ShouldNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Secret)));
        (await CountAsync($"SELECT count(*) FROM vault_entries WHERE position(convert_to('{Secret}', 'UTF8') IN ciphertext) > 0")).ShouldBe(0);
        (await vault.ListAsync("acme", CancellationToken.None)).Single().Name.ShouldBe("cloudways/api-key");
    }

    [PostgresFact]
    public async Task VaultGet_IsRefused_WithAnotherKey()
    {
        await using var store = database.Store();
        await new PostgresVault(store, Key).SetAsync("keyed", "token", "v1", CancellationToken.None);

        var other = new PostgresVault(store, VaultKeySource.FromKey(RandomNumberGenerator.GetBytes(32), "another key"));

        var e = await Should.ThrowAsync<BastionException>(() => other.GetAsync("keyed", "token", CancellationToken.None));
        e.Message.ShouldContain("does not match the vault in the shared store");
        await Should.ThrowAsync<BastionException>(() => other.SetAsync("keyed", "token", "v2", CancellationToken.None));
        (await new PostgresVault(store, Key).GetAsync("keyed", "token", CancellationToken.None)).ShouldBe("v1");
    }

    [PostgresFact]
    public async Task TwoTenants_NeverSeeEachOthersVaultKeysInventoryOrHostKeys()
    {
        await using var store = database.Store();
        var vault = new PostgresVault(store, Key);
        var keys = new PostgresApiKeys(store);
        var inventory = new PostgresInventory(store);
        var knownHosts = new PostgresKnownHosts(store);
        foreach (var (tenant, n) in new[] { ("red", 1), ("blue", 2) })
        {
            await vault.SetAsync(tenant, "webops/token", $"{tenant}-secret", CancellationToken.None);
            await keys.AddAsync(new StoreApiKey($"{tenant}keyxxx"[..7] + n, tenant, null, ["hosts:read"], new string('a', 64), DateTimeOffset.UtcNow, null, null), CancellationToken.None);
            await inventory.AddAsync(tenant, Host.Ssh($"{tenant}-web", $"127.0.0.{n}"), CancellationToken.None);
            await knownHosts.AddAsync(tenant, [$"127.0.0.{n} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{tenant}"], CancellationToken.None);
        }

        (await vault.GetAsync("red", "webops/token", CancellationToken.None)).ShouldBe("red-secret");
        (await vault.GetAsync("blue", "webops/token", CancellationToken.None)).ShouldBe("blue-secret");
        (await vault.ListAsync("red", CancellationToken.None)).Select(i => i.Tenant).ShouldBe(["red"]);
        (await keys.ListAsync("blue", CancellationToken.None)).Select(k => k.Tenant).ShouldBe(["blue"]);
        (await inventory.ListAsync("red", CancellationToken.None)).Select(h => h.Name).ShouldBe(["red-web"]);
        (await inventory.ListAsync("blue", CancellationToken.None)).Select(h => h.Name).ShouldBe(["blue-web"]);
        (await knownHosts.ListAsync("blue", CancellationToken.None)).ShouldBe(["127.0.0.2 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIblue"]);

        // A ciphertext moved to the other tenant does not decrypt there: its tenant is bound into it.
        await database.ScalarAsync("DELETE FROM vault_entries WHERE tenant = 'blue'; UPDATE vault_entries SET tenant = 'blue' WHERE tenant = 'red' AND name = 'webops/token'");
        (await Should.ThrowAsync<BastionException>(() => vault.GetAsync("blue", "webops/token", CancellationToken.None))).Message.ShouldContain("failed its integrity check");
    }

    [PostgresFact]
    public async Task Inventory_KeepsOrderAndFields_AndRefusesADuplicateName()
    {
        await using var store = database.Store();
        var inventory = new PostgresInventory(store);
        var web = new Host("web-01", HostKind.Ssh, "10.0.0.5", 2222, "deploy", "/keys/id_ed25519", "admin@gw", ["web", "prod"], new Dictionary<string, string> { ["env"] = "prod" });
        await inventory.AddAsync("fields", web, CancellationToken.None);
        await inventory.AddAsync("fields", Host.Ssh("db-01", "10.0.0.6"), CancellationToken.None);

        var hosts = await inventory.ListAsync("fields", CancellationToken.None);

        hosts.Select(h => h.Name).ShouldBe(["web-01", "db-01"]);
        hosts[0].SameAs(web).ShouldBeTrue();
        (await Should.ThrowAsync<BastionException>(() => inventory.AddAsync("fields", Host.Ssh("db-01", "10.0.0.7"), CancellationToken.None))).Message.ShouldContain("already has a host named 'db-01'");
        (await inventory.RemoveAsync("fields", "db-01", CancellationToken.None)).ShouldBeTrue();
        (await inventory.ListAsync("fields", CancellationToken.None)).Select(h => h.Name).ShouldBe(["web-01"]);
    }

    [PostgresFact]
    public async Task KnownHosts_ForgetsPlainAndHashedEntries_AndWritesAFileSshReads()
    {
        await using var store = database.Store();
        var knownHosts = new PostgresKnownHosts(store);
        var dir = Directory.CreateTempSubdirectory("bastion-pg-kh-").FullName;
        var plain = Path.Combine(dir, "plain");
        await File.WriteAllTextAsync(plain, "[127.0.0.9]:2222 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH0\n127.0.0.8 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH1\n");
        // ssh-keygen -H writes the hashed form (|1|salt|hmac) that OpenSSH records with HashKnownHosts yes.
        var hashed = Path.Combine(dir, "hashed");
        File.Copy(plain, hashed);
        var hash = System.Diagnostics.Process.Start("ssh-keygen", ["-H", "-f", hashed])!;
        await hash.WaitForExitAsync();
        var lines = await File.ReadAllLinesAsync(hashed);
        lines.ShouldAllBe(l => l.StartsWith("|1|"));

        (await knownHosts.AddAsync("kh", [.. lines, "# comment", ""], CancellationToken.None)).ShouldBe(2);
        (await knownHosts.AddAsync("kh", lines, CancellationToken.None)).ShouldBe(0);
        (await knownHosts.ForgetAsync("kh", "[127.0.0.9]:2222", CancellationToken.None)).ShouldBe(1);

        var written = Path.Combine(dir, "known_hosts");
        await knownHosts.WriteFileAsync("kh", written, CancellationToken.None);
        var find = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("ssh-keygen", ["-F", "127.0.0.8", "-f", written]) { RedirectStandardOutput = true })!;
        var found = await find.StandardOutput.ReadToEndAsync();
        await find.WaitForExitAsync();
        found.ShouldContain("AAAAC3NzaC1lZDI1NTE5AAAAIH1");
        (await File.ReadAllLinesAsync(written)).Length.ShouldBe(1);
    }

    [PostgresFact]
    public async Task KnownHostsAdd_AddsNothing_WhenOneLineIsMalformed()
    {
        await using var store = database.Store();
        var knownHosts = new PostgresKnownHosts(store);

        var e = await Should.ThrowAsync<BastionException>(() => knownHosts.AddAsync("partial", ["127.0.0.1 ssh-ed25519 AAAA", "garbage"], CancellationToken.None));

        e.Message.ShouldContain("line 2");
        (await knownHosts.ListAsync("partial", CancellationToken.None)).ShouldBeEmpty();
    }

    [PostgresFact]
    public async Task ApiKeys_RevokeOnce_AndListWithoutSecrets()
    {
        await using var store = database.Store();
        var keys = new PostgresApiKeys(store);
        var key = new StoreApiKey("abcdefgh", "rv", "ci", ["hosts:read", "commands:run"], new string('b', 64), DateTimeOffset.UtcNow, null, null);
        (await keys.AddAsync(key, CancellationToken.None)).ShouldBeTrue();
        (await keys.AddAsync(key, CancellationToken.None)).ShouldBeFalse();

        var first = await keys.RevokeAsync("abcdefgh", CancellationToken.None);
        var second = await keys.RevokeAsync("abcdefgh", CancellationToken.None);

        first!.Value.Changed.ShouldBeTrue();
        second!.Value.Changed.ShouldBeFalse();
        second.Value.Key.Revoked.ShouldBe(first.Value.Key.Revoked);
        (await keys.RevokeAsync("zzzzzzzz", CancellationToken.None)).ShouldBeNull();
        (await keys.FindAsync("abcdefgh", CancellationToken.None))!.Scopes.ShouldBe(["hosts:read", "commands:run"]);
    }
}
