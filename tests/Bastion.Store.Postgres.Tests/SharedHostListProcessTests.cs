using System.Security.Cryptography;
using Bastion.Fakes.Cloudways;
using Bastion.Store.Postgres.Audit;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Postgres.Tests;

/// <summary>Two real <c>bastion serve --http --store</c> processes list a tenant's Cloudways servers once between them.</summary>
public sealed class SharedHostListProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [PostgresFact]
    public async Task HostsList_OnTwoInstances_ListsThePlatformOnce_AndAnswersAlike()
    {
        await using var fake = await CloudwaysFake.StartAsync();
        var environment = new Dictionary<string, string> { ["BASTION_VAULT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        var dirs = Enumerable.Range(0, 2).Select(i => Directory.CreateTempSubdirectory($"bastion-pg-hostlist-{i}-").FullName).ToList();
        foreach (var (name, value) in new[] { ("cloudways/url", fake.BaseUrl.ToString()), ("cloudways/email", fake.Options.Email), ("cloudways/api-key", fake.Options.ApiKey) })
        {
            var set = await BastionInstance.RunAsync(database, dirs[0], value, environment, "vault", "set", name, "--store", database.Url);
            set.ExitCode.ShouldBe(0, set.Stderr);
        }

        await using var first = await BastionInstance.StartAsync(database, dirs[0], environment);
        File.Copy(Path.Combine(dirs[0], StoreAuditKeys.FileName), Path.Combine(dirs[1], StoreAuditKeys.FileName));
        File.SetUnixFileMode(Path.Combine(dirs[1], StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var second = await BastionInstance.StartAsync(database, dirs[1], environment);

        var answers = new List<string>();
        foreach (var instance in new[] { first, second, first, second })
        {
            await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions { Endpoint = instance.Endpoint, TransportMode = HttpTransportMode.StreamableHttp }));
            var result = await client.CallToolAsync("hosts_list", new Dictionary<string, object?> { ["select"] = "backend=cloudways" });
            var text = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            result.IsError.ShouldNotBe(true, text);
            answers.Add(text);
        }

        fake.Requests.Count(r => r.Method == "GET" && r.Path.EndsWith("/server", StringComparison.Ordinal)).ShouldBe(1, "one listing of the servers for both instances");
        answers.Distinct().ShouldHaveSingleItem().ShouldContain(fake.State.Servers.First(s => !s.Terminated).PublicIp);
        (await database.ScalarAsync("SELECT count(*) FROM host_lists WHERE backend = 'cloudways'")).ShouldBe(1L);
    }
}
