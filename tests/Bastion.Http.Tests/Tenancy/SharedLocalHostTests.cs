using System.Text.Json;
using Bastion.Core.Policy;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>
/// Two tenants of one server that shares its own machine (--share-local-host): no tool of any tenant reaches Bastion's
/// data directory (any tenant's vault key, the API keys, audit logs) or Bastion's own process.
/// </summary>
public sealed class SharedLocalHostTests : IAsyncLifetime
{
    private const string Alice = "alice-token";
    private const string Bob = "bob-token";
    private HttpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(
        configure: o => o with { ShareLocalHost = true },
        authenticators: [new TokenTable(new Dictionary<string, Principal>
        {
            [Alice] = TokenTable.Member("alice", "acme"),
            [Bob] = TokenTable.Member("bob", "globex"),
        })],
        prepare: paths =>
        {
            foreach (var tenant in new[] { "acme", "globex" })
            {
                var own = paths.ForTenant(tenant);
                Directory.CreateDirectory(own.AuditDirectory);
                File.WriteAllText(own.VaultKeyFile, $"{tenant}-dmF1bHQta2V5LW1hdGVyaWFsLTMyLWJ5dGVzIQ==\n");
                File.WriteAllText(Path.Combine(own.AuditDirectory, "audit-1.jsonl"), "{}\n");
            }

            File.WriteAllText(Path.Combine(paths.DataDirectory, "keys.json"), "{\"keys\":[]}\n");
        });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private string Expand(string path) => path.Replace("{data}", _server.DataDirectory, StringComparison.Ordinal)
        .Replace("{pid}", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private async Task<JsonElement> HostResultAsync(string token, string tool, object arguments)
    {
        var session = await _server.OpenSessionAsync(token);
        var result = await _server.CallAsync(session, tool, JsonSerializer.Serialize(arguments), token);
        return result.GetProperty("hosts")[0];
    }

    [Theory]
    [InlineData(Alice, "{data}/tenants/globex/vault.key")]
    [InlineData(Bob, "{data}/tenants/acme/vault.key")]
    [InlineData(Alice, "{data}/tenants/acme/vault.key")]
    [InlineData(Alice, "{data}/keys.json")]
    [InlineData(Bob, "{data}/tenants/acme/audit/audit-1.jsonl")]
    [InlineData(Alice, "/proc/{pid}/environ")]
    [InlineData(Bob, "/proc/{pid}/mem")]
    [InlineData(Alice, "/proc/{pid}/cmdline")]
    public async Task FilesRead_NeverReachesBastionsState_ForAnyTenant(string token, string path)
    {
        var host = await HostResultAsync(token, "files_read", new { target = "local", path = Expand(path) });
        host.GetProperty("status").GetString().ShouldBe("failed");
        host.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("is refused");
    }

    [Theory]
    [InlineData(Alice, "{data}")]
    [InlineData(Bob, "{data}/tenants")]
    [InlineData(Alice, "{data}/tenants/globex/audit")]
    [InlineData(Bob, "/proc/{pid}")]
    public async Task FilesList_NeverListsBastionsState_ForAnyTenant(string token, string path)
    {
        var host = await HostResultAsync(token, "files_list", new { target = "local", path = Expand(path) });
        host.GetProperty("status").GetString().ShouldBe("failed");
        host.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("is refused");
    }

    [Fact]
    public async Task CommandsRun_ReadersNeverReachAnotherTenantsAuditLog()
    {
        var host = await HostResultAsync(Alice, "commands_run", new { target = "local", argv = new[] { "cat", Expand("{data}/tenants/globex/audit/audit-1.jsonl") } });
        host.GetProperty("status").GetString().ShouldBe("failed");
        host.GetProperty("error").GetString().ShouldNotBeNull().ShouldContain("is refused");
    }

    [Fact]
    public async Task FilesRead_StillReadsTheSharedHostsOrdinaryFiles()
    {
        var host = await HostResultAsync(Bob, "files_read", new { target = "local", path = "/etc/hostname" });
        host.GetProperty("status").GetString().ShouldBe("ok");
    }
}
