using ModelContextProtocol.Client;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// A real <c>bastion serve --http --store</c> whose thread pool may not grow past four threads, so that a request
/// blocking a thread while it waits for the database shows as a deadlock rather than as a slow start: before the
/// tenant's vault copy was renewed asynchronously, sixteen first calls at once held every thread waiting for a read
/// that needed one (in production, 64 clients waited 10 to 57 s while the pool grew).
/// </summary>
public sealed class SharedStoreThreadPoolTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Clients = 16;

    [PostgresFact]
    public async Task Serve_AnswersManyFirstCallsAtOnce_WithFourPoolThreads()
    {
        var dir = Directory.CreateTempSubdirectory("bastion-pg-pool-").FullName;
        var environment = new Dictionary<string, string> { ["DOTNET_ThreadPool_ForceMaxWorkerThreads"] = "4" };
        await using var instance = await BastionInstance.StartAsync(database, dir, environment, "--rate-limit", "off", "--tenant-rate-limit", "off");

        // Not a speed target: the limit only tells a deadlock (no answer ever) from an answer.
        using var deadlock = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var results = await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            await using var client = await McpClient.CreateAsync(
                new HttpClientTransport(new HttpClientTransportOptions { Endpoint = instance.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }),
                new McpClientOptions { ProtocolVersion = "2026-07-28" }, // every request stands alone, as a team's clients mostly send them
                cancellationToken: deadlock.Token);
            return await client.CallToolAsync("access_status", cancellationToken: deadlock.Token);
        }));

        results.ShouldAllBe(r => r.IsError != true, instance.Stderr);
        var verify = await BastionInstance.RunAsync(database, dir, "audit", "verify", "--store", database.Url);
        verify.Stdout.ShouldContain($"ok: tenant 'default': {Clients} entries");
    }
}
