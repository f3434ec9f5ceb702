using System.Security.Cryptography;
using Bastion.Fakes.Cloudways;
using Bastion.Store.Postgres.Audit;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Store.Postgres.Tests;

/// <summary>
/// Two real <c>bastion serve --http --store</c> processes whose platform credentials live only in the store's vault:
/// put there by <c>vault set --store</c>, or by a tenant's credential headers on one instance and used on the other.
/// </summary>
public sealed class StoreCredentialsProcessTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    // One vault key for the class's database, as every instance sharing a store has.
    private static readonly Dictionary<string, string> Environment = new() { ["BASTION_VAULT_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    [PostgresFact]
    public async Task Serve_ReadsPlatformCredentialsFromTheStoresVault_OnBothInstances()
    {
        await using var fake = await CloudwaysFake.StartAsync();
        var first = Directory.CreateTempSubdirectory("bastion-pg-cred-a-").FullName;
        var second = Directory.CreateTempSubdirectory("bastion-pg-cred-b-").FullName;
        foreach (var (name, value) in new[] { ("cloudways/url", fake.BaseUrl.ToString()), ("cloudways/email", fake.Options.Email), ("cloudways/api-key", fake.Options.ApiKey) })
        {
            var set = await BastionInstance.RunAsync(database, first, value, Environment, "vault", "set", name, "--tenant", "globex", "--store", database.Url);
            set.ExitCode.ShouldBe(0, set.Stderr);
        }

        // Tenant globex's credentials were put in the store by vault set; acme's come as headers on its first request, to
        // the first instance only.
        var globexKey = (await BastionInstance.RunAsync(database, first, null, Environment, "keys", "create", "--tenant", "globex", "--scopes", "platform:read", "--store", database.Url)).Stdout.Trim();
        var acmeKey = (await BastionInstance.RunAsync(database, first, null, Environment, "keys", "create", "--tenant", "acme", "--scopes", "platform:read", "--store", database.Url)).Stdout.Trim();
        await using var a = await BastionInstance.StartAsync(database, first, Environment);
        File.Copy(Path.Combine(first, StoreAuditKeys.FileName), Path.Combine(second, StoreAuditKeys.FileName));
        File.SetUnixFileMode(Path.Combine(second, StoreAuditKeys.FileName), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        await using var b = await BastionInstance.StartAsync(database, second, Environment);

        foreach (var instance in new[] { a, b })
        {
            (await CallAsync(instance, globexKey, [])).ShouldNotContain("error:", Case.Insensitive, instance.Stderr);
        }

        var headers = new Dictionary<string, string>
        {
            ["x-cloudways-url"] = fake.BaseUrl.ToString(),
            ["x-cloudways-email"] = fake.Options.Email,
            ["x-cloudways-api-key"] = fake.Options.ApiKey,
        };
        var onFirst = await CallAsync(a, acmeKey, headers);
        var onSecond = await CallAsync(b, acmeKey, []);

        onFirst.ShouldNotContain("error:", Case.Insensitive, a.Stderr);
        onSecond.ShouldNotContain("error:", Case.Insensitive, b.Stderr);
        onSecond.ShouldNotContain("not configured", Case.Insensitive);
        (await database.ScalarAsync("SELECT string_agg(name, ',' ORDER BY name) FROM vault_entries WHERE tenant = 'acme'")).ShouldBe("cloudways/api-key,cloudways/email,cloudways/url");
        (await database.ScalarAsync("SELECT string_agg(name, ',' ORDER BY name) FROM vault_entries WHERE tenant = 'globex'")).ShouldBe("cloudways/api-key,cloudways/email,cloudways/url");
        (await database.ScalarAsync($"SELECT count(*) FROM vault_entries WHERE position(convert_to('{fake.Options.ApiKey}', 'UTF8') in ciphertext) > 0")).ShouldBe(0L, "the database holds ciphertext only");
        foreach (var dir in new[] { first, second })
        {
            File.Exists(Path.Combine(dir, "vault.json")).ShouldBeFalse();
            File.Exists(Path.Combine(dir, "tenants", "acme", "vault.json")).ShouldBeFalse();
        }
    }

    [PostgresFact]
    public async Task Serve_UsesRotatedCredentialHeaders_OnTheRequestThatSendsThem()
    {
        await using var fake = await CloudwaysFake.StartAsync();
        var dir = Directory.CreateTempSubdirectory("bastion-pg-cred-rot-").FullName;
        var key = (await BastionInstance.RunAsync(database, dir, null, Environment, "keys", "create", "--tenant", "initech", "--scopes", "platform:read", "--store", database.Url)).Stdout.Trim();
        await using var instance = await BastionInstance.StartAsync(database, dir, Environment);
        Dictionary<string, string> Headers(string apiKey) => new()
        {
            ["x-cloudways-url"] = fake.BaseUrl.ToString(),
            ["x-cloudways-email"] = fake.Options.Email,
            ["x-cloudways-api-key"] = apiKey,
        };

        // The tenant's copy of its vault is made by the first request and fresh for two seconds; the rotated key comes
        // on the next request, well within them, and must be the one used.
        (await CallAsync(instance, key, Headers("an-old-key-the-platform-refuses"))).ShouldStartWith("error:");
        var rotated = await CallAsync(instance, key, Headers(fake.Options.ApiKey));

        rotated.ShouldNotContain("error:", Case.Insensitive, instance.Stderr);
    }

    /// <summary>Calls <c>cloudways_list</c> (servers) on <paramref name="instance"/> as <paramref name="key"/>'s principal and returns the text, prefixed "error:" when the call failed.</summary>
    private static async Task<string> CallAsync(BastionInstance instance, string key, Dictionary<string, string> headers)
    {
        var sent = new Dictionary<string, string>(headers) { ["Authorization"] = "Bearer " + key };

        await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = instance.Endpoint,
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = sent,
        }));
        var result = await client.CallToolAsync("cloudways_list", new Dictionary<string, object?> { ["resource"] = "servers" });
        var text = string.Join(' ', result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        return result.IsError == true ? "error: " + text : text;
    }
}
