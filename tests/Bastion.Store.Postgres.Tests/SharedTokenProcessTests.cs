using System.Security.Cryptography;
using Bastion.Fakes.Cloudways;
using Bastion.Store.Postgres.Audit;
using ModelContextProtocol.Client;

namespace Bastion.Store.Postgres.Tests;

/// <summary>Three real <c>bastion serve --http --store</c> processes needing a Cloudways token at once: the fake sees one exchange.</summary>
public sealed class SharedTokenProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int Instances = 3;
    private const int CallsPerInstance = 17; // 51 calls: the "fifty calls on three instances"

    [PostgresFact]
    public async Task Serve_ExchangesOneCloudwaysToken_WhenManyCallsOnThreeInstancesNeedOne()
    {
        await using var fake = await CloudwaysFake.StartAsync();
        // Every instance holds the same vault key (as the deployment docs say): the shared token is sealed with a key derived from it.
        var environment = new Dictionary<string, string> { ["BASTION_VAULT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var dirs = Enumerable.Range(0, Instances).Select(i => Directory.CreateTempSubdirectory($"bastion-pg-token-{i}-").FullName).ToList();
        // The credentials are in the store's vault, which every serve --store reads.
        foreach (var (name, value) in new[] { ("cloudways/url", fake.BaseUrl.ToString()), ("cloudways/email", fake.Options.Email), ("cloudways/api-key", fake.Options.ApiKey) })
        {
            var set = await BastionInstance.RunAsync(database, dirs[0], value, environment, "vault", "set", name, "--store", database.Url);
            set.ExitCode.ShouldBe(0, set.Stderr);
        }

        var instances = new List<BastionInstance>();
        try
        {
            instances.Add(await BastionInstance.StartAsync(database, dirs[0], environment));
            foreach (var dir in dirs.Skip(1))
            {
                File.Copy(Path.Combine(dirs[0], StoreAuditKeys.FileName), Path.Combine(dir, StoreAuditKeys.FileName));
                File.SetUnixFileMode(Path.Combine(dir, StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
                instances.Add(await BastionInstance.StartAsync(database, dir, environment));
            }

            var clients = new List<McpClient>();
            foreach (var instance in instances)
            {
                clients.Add(await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = instance.Endpoint, TransportMode = HttpTransportMode.StreamableHttp })));
            }

            var results = await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, CallsPerInstance).Select(_ => client.CallToolAsync("cloudways_list", new Dictionary<string, object?> { ["resource"] = "servers" }).AsTask())));
            foreach (var client in clients)
            {
                await client.DisposeAsync();
            }

            results.ShouldAllBe(r => r.IsError != true, string.Join("\n", results.Where(r => r.IsError == true).Select(r => string.Join(' ', r.Content.OfType<ModelContextProtocol.Protocol.TextContentBlock>().Select(t => t.Text)))));
            fake.State.TokensIssued.ShouldBe(1, "one exchange for every call on every instance");
            var bearers = fake.Requests.Where(r => r.Bearer is not null).Select(r => r.Bearer!).Distinct().ToList();
            bearers.Count.ShouldBe(1, "every instance called with the one token");
            (await database.ScalarAsync("SELECT count(*) FROM platform_tokens")).ShouldBe(1L);
            (await database.ScalarAsync($"SELECT count(*) FROM platform_tokens WHERE position(convert_to('{bearers[0]}', 'UTF8') in sealed) > 0")).ShouldBe(0L, "the database holds ciphertext only");
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
