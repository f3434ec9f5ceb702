using System.Security.Cryptography;
using Bastion.Fakes.WebOps;
using Bastion.Store.Postgres.Audit;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Postgres.Tests;

/// <summary>Two real <c>bastion serve --http --store</c> processes needing a WebOps session login at once: the fake panel sees one login.</summary>
public sealed class SharedWebOpsLoginProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const int CallsPerInstance = 6;

    [PostgresFact]
    public async Task Serve_LogsInToWebOpsOnce_WhenCallsOnTwoInstancesNeedASession()
    {
        await using var fake = await FakeWebOps.StartAsync();
        var environment = new Dictionary<string, string> { ["BASTION_VAULT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var dirs = new[] { Directory.CreateTempSubdirectory("bastion-pg-webops-a-").FullName, Directory.CreateTempSubdirectory("bastion-pg-webops-b-").FullName };
        foreach (var (name, value) in new[] { ("webops/url", fake.Url), ("webops/username", fake.Options.Username), ("webops/password", fake.Options.Password) })
        {
            var set = await BastionInstance.RunAsync(database, dirs[0], value, environment, "vault", "set", name, "--tenant", "webco", "--store", database.Url);
            set.ExitCode.ShouldBe(0, set.Stderr);
        }

        var key = (await BastionInstance.RunAsync(database, dirs[0], null, environment, "keys", "create", "--tenant", "webco", "--scopes", "platform:read", "--store", database.Url)).Stdout.Trim();
        await using var a = await BastionInstance.StartAsync(database, dirs[0], environment);
        File.Copy(Path.Combine(dirs[0], StoreAuditKeys.FileName), Path.Combine(dirs[1], StoreAuditKeys.FileName));
        File.SetUnixFileMode(Path.Combine(dirs[1], StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var b = await BastionInstance.StartAsync(database, dirs[1], environment);
        var clients = new List<McpClient>();
        foreach (var instance in new[] { a, b })
        {
            clients.Add(await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
            {
                Endpoint = instance.Endpoint,
                TransportMode = HttpTransportMode.StreamableHttp,
                AdditionalHeaders = new Dictionary<string, string> { ["Authorization"] = "Bearer " + key },
            })));
        }

        var results = await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, CallsPerInstance).Select(_ => client.CallToolAsync("webops_deployment", new Dictionary<string, object?> { ["resource"] = "list" }).AsTask())));
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        results.ShouldAllBe(r => r.IsError != true, string.Join("\n", results.Where(r => r.IsError == true).Select(r => string.Join(' ', r.Content.OfType<TextContentBlock>().Select(t => t.Text)))));
        fake.Logins.ShouldBe(1, "one login for every call on both instances");
        (await database.ScalarAsync("SELECT count(*) FROM platform_tokens")).ShouldBe(1L);
    }
}
