using Bastion.Store.Postgres.Audit;
using ModelContextProtocol.Client;

namespace Bastion.Store.Postgres.Tests;

/// <summary>Two real <c>bastion serve --http --store</c> processes on one PostgreSQL, driven by the SDK's HTTP client.</summary>
public sealed class SharedStoreProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int CallsPerInstance = 15;

    [PostgresFact]
    public async Task Serve_KeepsOneChainAcrossInstances_WhenBothReceiveCallsAtOnce()
    {
        var firstDir = Directory.CreateTempSubdirectory("bastion-pg-a-").FullName;
        var secondDir = Directory.CreateTempSubdirectory("bastion-pg-b-").FullName;
        await using var first = await BastionInstance.StartAsync(database, firstDir);
        first.Stderr.ShouldContain($"schema version {PostgresStore.LatestSchemaVersion}");
        // Every instance holds the same store keyring, as the deployment docs say: the first start made it.
        File.Copy(Path.Combine(firstDir, StoreAuditKeys.FileName), Path.Combine(secondDir, StoreAuditKeys.FileName));
        File.SetUnixFileMode(Path.Combine(secondDir, StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var second = await BastionInstance.StartAsync(database, secondDir);

        await Task.WhenAll(new[] { first, second }.Select(async instance =>
        {
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = instance.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
            await Task.WhenAll(Enumerable.Range(0, CallsPerInstance).Select(async _ => (await client.CallToolAsync("access_status")).IsError.ShouldNotBe(true)));
        }));

        var verify = await BastionInstance.RunAsync(database, firstDir, "audit", "verify", "--store", database.Url);
        verify.Stderr.ShouldBeEmpty();
        verify.ExitCode.ShouldBe(0);
        verify.Stdout.ShouldContain($"ok: tenant 'default': {2 * CallsPerInstance} entries in {database.Url}, chain intact");
        var export = await BastionInstance.RunAsync(database, secondDir, "audit", "export", "--store", database.Url);
        export.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(2 * CallsPerInstance);

        await database.ScalarAsync("UPDATE audit_entries SET line = convert_to(replace(convert_from(line, 'UTF8'), '\"access_status\"', '\"commands_run\"'), 'UTF8') WHERE seq = 7");
        var broken = await BastionInstance.RunAsync(database, secondDir, "audit", "verify", "--store", database.Url);
        broken.ExitCode.ShouldBe(1);
        broken.Stderr.ShouldContain("BROKEN: tenant 'default' seq 7: hash mismatch");
    }
}
