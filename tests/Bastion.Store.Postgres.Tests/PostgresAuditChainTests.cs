using System.Globalization;
using System.Text.Json;
using Bastion.Core.Audit;
using Bastion.Store.Postgres.Audit;

namespace Bastion.Store.Postgres.Tests;

public sealed class PostgresAuditChainTests(AuditStoreFixture fixture) : IClassFixture<AuditStoreFixture>
{
    private readonly TestDatabase _database = fixture.Database;
    private readonly string _keyFile = fixture.KeyFile;

    private static AuditRecord Call(string tool, string principal = "alice", string? text = null) =>
        new("call", principal, null, null, tool, text is null ? null : JsonDocument.Parse($"{{\"note\":\"{text}\"}}").RootElement, ["web-01"], "allowed", null, "ok", null, 1.5);

    [PostgresFact]
    public async Task Append_ChainsEveryEntryOnce_WhenTwoInstancesAppendAtOnce()
    {
        await using var first = _database.Store();
        await using var second = _database.Store();
        var chains = new[] { new PostgresAuditChain(first, "acme", _keyFile, TimeProvider.System), new PostgresAuditChain(second, "acme", _keyFile, TimeProvider.System) };

        var entries = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(() => chains[i % 2].AppendAsync(Call($"tool_{i}"), CancellationToken.None))));

        entries.Select(e => e.Seq).Order().ShouldBe(Enumerable.Range(1, 200).Select(i => (long)i));
        var result = await PostgresAuditVerifier.VerifyAsync(first, "acme", _keyFile, CancellationToken.None);
        result.Problem.ShouldBeNull();
        (result.Ok, result.EntriesChecked).ShouldBe((true, 200L));
    }

    [PostgresFact]
    public async Task Verify_NamesTheSeq_WhenARowIsChangedInTheDatabase()
    {
        await using var store = _database.Store();
        var chain = new PostgresAuditChain(store, "tamper", _keyFile, TimeProvider.System);
        for (var i = 0; i < 8; i++)
        {
            await chain.AppendAsync(Call("commands_run"), CancellationToken.None);
        }

        await _database.ScalarAsync("UPDATE audit_entries SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"alice\"', '\"mallory\"'), 'UTF8') WHERE tenant = 'tamper' AND seq = 5");

        var result = await PostgresAuditVerifier.VerifyAsync(store, "tamper", _keyFile, CancellationToken.None);
        result.Ok.ShouldBeFalse();
        result.Problem.ShouldBe("tenant 'tamper' seq 5: hash mismatch: the entry was changed after it was written (a hash recomputed without the audit key does not match).");
        result.EntriesChecked.ShouldBe(4);
    }

    [PostgresFact]
    public async Task Verify_Fails_WhenTheLastEntryIsDeleted()
    {
        await using var store = _database.Store();
        var chain = new PostgresAuditChain(store, "truncated", _keyFile, TimeProvider.System);
        for (var i = 0; i < 3; i++)
        {
            await chain.AppendAsync(Call("files_read"), CancellationToken.None);
        }

        await _database.ScalarAsync("DELETE FROM audit_entries WHERE tenant = 'truncated' AND seq = 3");

        var result = await PostgresAuditVerifier.VerifyAsync(store, "truncated", _keyFile, CancellationToken.None);
        result.Ok.ShouldBeFalse();
        result.Problem!.ShouldContain("the head records seq 3, but the chain ends at seq 2");
    }

    [PostgresFact]
    public async Task Search_FindsOnlyTheTenantsOwnEntries_NewestFirst()
    {
        await using var store = _database.Store();
        var red = new PostgresAuditChain(store, "red", _keyFile, TimeProvider.System);
        var blue = new PostgresAuditChain(store, "blue", _keyFile, TimeProvider.System);
        await red.AppendAsync(Call("logs_search", text: "needle one"), CancellationToken.None);
        await blue.AppendAsync(Call("logs_search", text: "needle blue"), CancellationToken.None);
        await red.AppendAsync(Call("logs_search", text: "needle two"), CancellationToken.None);
        await red.AppendAsync(Call("metrics_sample", principal: "bob"), CancellationToken.None);

        var found = await red.SearchAsync(new AuditQuery("LOGS_SEARCH", null, null, null, null, "needle", 10), CancellationToken.None);

        found.Select(e => e.Arguments!.Value.GetProperty("note").GetString()).ShouldBe(["needle two", "needle one"]);
        (await red.SearchAsync(new AuditQuery(null, "bob", null, null, null, null, 10), CancellationToken.None)).Single().Tool.ShouldBe("metrics_sample");
        (await blue.SearchAsync(new AuditQuery(null, null, null, null, null, null, 10), CancellationToken.None)).Single().Seq.ShouldBe(1);
    }

    [PostgresFact]
    public async Task Append_IsRefused_WhenThisInstancesKeyringLacksTheChainsKey()
    {
        await using var store = _database.Store();
        await new PostgresAuditChain(store, "keys", _keyFile, TimeProvider.System).AppendAsync(Call("hosts_list"), CancellationToken.None);
        var otherKeys = Path.Combine(Directory.CreateTempSubdirectory("bastion-pg-keys-").FullName, StoreAuditKeys.FileName);
        await StoreAuditKeys.EnsureAsync(otherKeys, TimeProvider.System, CancellationToken.None);

        var e = await Should.ThrowAsync<AuditUnavailableException>(() => new PostgresAuditChain(store, "keys", otherKeys, TimeProvider.System).AppendAsync(Call("hosts_list"), CancellationToken.None));

        e.Message.ShouldContain("copy it from the instance that wrote the chain");
        Convert.ToInt64(await _database.ScalarAsync("SELECT count(*) FROM audit_entries WHERE tenant = 'keys'"), CultureInfo.InvariantCulture).ShouldBe(1);
    }

    [PostgresFact]
    public async Task Append_FailsWithTheStoresAddress_WhenTheDatabaseRefusesConnections()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        await using var gone = PostgresStore.Create(Connection.StoreLocation.FromConnectionString($"Host=127.0.0.1;Port={port};Username=nobody;Database=none;Timeout=3"));

        var e = await Should.ThrowAsync<AuditUnavailableException>(() => new PostgresAuditChain(gone, "down", _keyFile, TimeProvider.System).AppendAsync(Call("hosts_list"), CancellationToken.None));

        e.Message.ShouldContain($"The shared store postgres://nobody@127.0.0.1:{port}/none cannot be used");
        e.Message.ShouldContain("nothing of this commit was recorded");
    }
}
