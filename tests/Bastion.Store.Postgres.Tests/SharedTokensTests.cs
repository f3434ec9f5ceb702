using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Credentials;
using Bastion.Store.Postgres.Tokens;

namespace Bastion.Store.Postgres.Tests;

/// <summary>Platform tokens shared through a real PostgreSQL: one exchange for many callers, a new one when the held token is unwanted.</summary>
public sealed class SharedTokensTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);

    [PostgresFact]
    public async Task GetOrExchange_ExchangesOnce_WhenManyCallersOfTwoServersNeedAToken()
    {
        await using var store = await MigratedAsync();
        var servers = new[] { new PostgresSharedTokens(store, "acme", () => Key), new PostgresSharedTokens(store, "acme", () => Key) };
        var exchanges = 0;
        async Task<IssuedToken> Exchange(CancellationToken ct)
        {
            Interlocked.Increment(ref exchanges);
            await Task.Delay(200, ct); // a slow platform: the others wait on the lock meanwhile
            return new IssuedToken("token-1", DateTimeOffset.UtcNow.AddHours(1));
        }

        var tokens = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            servers[i % 2].GetOrExchangeAsync("cloudways:f1", null, DateTimeOffset.UtcNow.AddMinutes(5), Exchange, CancellationToken.None)));

        exchanges.ShouldBe(1);
        tokens.ShouldAllBe(t => t.AccessToken == "token-1");
    }

    [PostgresFact]
    public async Task GetOrExchange_ExchangesAgain_WhenTheStoredTokenIsHeldOrDue()
    {
        await using var store = await MigratedAsync();
        var tokens = new PostgresSharedTokens(store, "acme", () => Key);
        var issued = 0;
        Task<IssuedToken> Exchange(CancellationToken ct) => Task.FromResult(new IssuedToken($"token-{Interlocked.Increment(ref issued)}", DateTimeOffset.UtcNow.AddMinutes(10)));

        (await tokens.GetOrExchangeAsync("s", null, DateTimeOffset.UtcNow, Exchange, CancellationToken.None)).AccessToken.ShouldBe("token-1");
        (await tokens.GetOrExchangeAsync("s", "token-1", DateTimeOffset.UtcNow, Exchange, CancellationToken.None)).AccessToken.ShouldBe("token-2", "the caller holds token-1 and wants another");
        (await tokens.GetOrExchangeAsync("s", null, DateTimeOffset.UtcNow.AddMinutes(20), Exchange, CancellationToken.None)).AccessToken.ShouldBe("token-3", "token-2 is due before the margin");
        (await tokens.GetOrExchangeAsync("s", null, DateTimeOffset.UtcNow, Exchange, CancellationToken.None)).AccessToken.ShouldBe("token-3");
        (await new PostgresSharedTokens(store, "globex", () => Key).GetOrExchangeAsync("s", null, DateTimeOffset.UtcNow, Exchange, CancellationToken.None)).AccessToken.ShouldBe("token-4", "tenants never share a token");
    }

    [PostgresFact]
    public async Task GetOrExchange_SaysSo_WhenAServerHasAnotherVaultKey()
    {
        await using var store = await MigratedAsync();
        await new PostgresSharedTokens(store, "acme", () => Key).GetOrExchangeAsync("s", null, DateTimeOffset.UtcNow, _ => Task.FromResult(new IssuedToken("t", DateTimeOffset.UtcNow.AddHours(1))), CancellationToken.None);

        var other = new PostgresSharedTokens(store, "acme", () => RandomNumberGenerator.GetBytes(32));
        var e = await Should.ThrowAsync<BastionException>(() => other.GetOrExchangeAsync("s", null, DateTimeOffset.UtcNow, _ => Task.FromResult(new IssuedToken("u", DateTimeOffset.UtcNow.AddHours(1))), CancellationToken.None));
        e.Message.ShouldContain("does not decrypt with this server's vault key");
    }

    private async Task<PostgresStore> MigratedAsync()
    {
        var store = database.Store();
        await store.MigrateAsync(null, CancellationToken.None);
        await database.ScalarAsync("DELETE FROM platform_tokens");
        return store;
    }
}
