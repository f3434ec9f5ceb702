using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Execution;
using Bastion.Core.History;
using Bastion.Core.Inventory;
using Bastion.Core.Policy;
using Bastion.Http.Tenancy;
using Bastion.Ssh;
using Bastion.Store.Sqlite;
using Bastion.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>
/// Two tenants of one HTTP server, each with one real sshd host of its own (127.0.0.192 and .193, address base 190):
/// each tenant's collector samples only its own hosts into its own store, and metrics_history shows a tenant only those.
/// </summary>
public sealed class TenantHistoryTests : IAsyncLifetime
{
    private const string Alice = "alice-token";
    private const string Bob = "bob-token";
    private static readonly SshOptions Ssh = new() { ConfigFile = "/dev/null", ConnectTimeout = TimeSpan.FromSeconds(5) };
    private readonly LoopbackFleet _fleet = new(addressBase: 190);
    private HttpTestServer _server = null!;
    private string _data = null!;

    public async Task InitializeAsync()
    {
        await _fleet.StartAsync(2);
        _server = await HttpTestServer.StartAsync(
            authenticators: [new TokenTable(new Dictionary<string, Principal>
            {
                [Alice] = TokenTable.Member("alice", "acme"),
                [Bob] = TokenTable.Member("bob", "globex"),
            })],
            prepare: paths =>
            {
                // acme owns host01, globex host02; each tenant's known_hosts learns only its own host's key.
                foreach (var (tenant, i) in new[] { ("acme", 1), ("globex", 2) })
                {
                    var own = paths.ForTenant(tenant);
                    own.EnsureDataDirectory();
                    InventoryFile.SaveAsync(own.InventoryFile, [_fleet.Host(i)], CancellationToken.None).GetAwaiter().GetResult();
                    var pin = new SshRunner(_fleet.Host(i), Ssh, own, acceptNewHostKey: true).RunAsync(new CommandRequest(["true"]), CancellationToken.None).GetAwaiter().GetResult();
                    pin.ExitCode.ShouldBe(0, pin.Stderr);
                }
            },
            backends: tenant => tenant.AddSingleton(Ssh).AddSqliteHistory(),
            history: new HistoryOptions { Interval = TimeSpan.FromSeconds(1) });
        _data = _server.DataDirectory;
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        var paths = new BastionPaths(_data);
        foreach (var tenant in new[] { "acme", "globex" })
        {
            await CloseMastersAsync(paths.ForTenant(tenant).ControlDirectory);
        }

        await _fleet.StopAsync(null);
    }

    private static async Task CloseMastersAsync(string directory)
    {
        foreach (var socket in Directory.Exists(directory) ? Directory.GetFiles(directory) : [])
        {
            using var exit = System.Diagnostics.Process.Start("ssh", ["-o", $"ControlPath={socket}", "-O", "exit", "x"]);
            await exit.WaitForExitAsync();
        }
    }

    private async Task<JsonElement> HistoryAsync(string token, string target)
    {
        var session = await _server.OpenSessionAsync(token);
        using var response = await _server.PostAsync(HttpTestServer.Call("metrics_history", JsonSerializer.Serialize(new { target, metrics = "cpu", since = "-10m" })), session, token);
        response.EnsureSuccessStatusCode();
        return (await HttpTestServer.ReadMessageAsync(response)).GetProperty("result");
    }

    /// <summary>Waits (polling, at most 60 s) until the tenant's history holds two answered ticks of its host, so rates exist.</summary>
    private async Task<JsonElement> AnsweredTwiceAsync(string token, string host)
    {
        for (var attempt = 0; ; attempt++)
        {
            var result = await HistoryAsync(token, host);
            var entry = result.GetProperty("structuredContent").GetProperty("hosts")[0];
            if (entry.GetProperty("coverage").GetProperty("answered").GetInt32() >= 2 && entry.GetProperty("series").GetArrayLength() > 0 || attempt == 120)
            {
                return entry;
            }

            await Task.Delay(500);
        }
    }

    [Fact]
    public async Task TenantCollectors_SampleEachTenantsOwnHosts_IntoItsOwnStore()
    {
        _server.Services.GetRequiredService<TenantServers>().StartKnownTenants().ShouldBe(["acme", "globex"], "both tenants have a data directory; the server's own has no inventory");

        var acme = await AnsweredTwiceAsync(Alice, "host01");
        acme.GetProperty("host").GetString().ShouldBe("host01");
        acme.GetProperty("coverage").GetProperty("answered").GetInt32().ShouldBeGreaterThanOrEqualTo(2);
        acme.GetProperty("series").EnumerateArray().ShouldContain(s => s.GetProperty("metric").GetString() == "cpu.busy_percent" && s.GetProperty("points").GetArrayLength() > 0);
        var globex = await AnsweredTwiceAsync(Bob, "host02");
        globex.GetProperty("coverage").GetProperty("answered").GetInt32().ShouldBeGreaterThanOrEqualTo(2);

        // Neither tenant reaches the other's host, by name or through "all".
        foreach (var (token, other) in new[] { (Alice, "host02"), (Bob, "host01") })
        {
            var refused = await HistoryAsync(token, other);
            refused.GetProperty("isError").GetBoolean().ShouldBeTrue();
            refused.GetProperty("content")[0].GetProperty("text").GetString()!.ShouldContain(other);
        }

        var all = (await HistoryAsync(Alice, "all")).GetProperty("structuredContent").GetProperty("hosts");
        all.EnumerateArray().Select(h => h.GetProperty("host").GetString()).ShouldBe(["host01"]);

        // Each tenant's store lies in its own data directory and holds its own host only; the server's own has none.
        var paths = new BastionPaths(_data);
        File.Exists(Path.Combine(paths.ForTenant("acme").DataDirectory, SqliteStoreSetup.HistoryFile)).ShouldBeTrue();
        File.Exists(Path.Combine(_data, SqliteStoreSetup.HistoryFile)).ShouldBeFalse();
        using var globexStore = new SqliteHistoryStore(Path.Combine(paths.ForTenant("globex").DataDirectory, SqliteStoreSetup.HistoryFile), new HistoryOptions(), TimeProvider.System);
        var now = DateTimeOffset.UtcNow;
        (await globexStore.TicksAsync("host01", now.AddHours(-1), now.AddMinutes(1), CancellationToken.None)).ShouldBeEmpty();
        (await globexStore.TicksAsync("host02", now.AddHours(-1), now.AddMinutes(1), CancellationToken.None)).ShouldNotBeEmpty();

        // The collector's one-writer lock is held per tenant data directory while the server runs.
        Should.Throw<Core.BastionException>(() => CollectorLock.Acquire(paths.ForTenant("acme")));
    }
}
