using Bastion.Fakes.CloudStack;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>CloudStack's API throttling (error 429, API_LIMIT_EXCEED) waited out by the shared HTTP kit, never a failure.</summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task ReadsOverTheAccountsApiLimit_Succeed_AfterWaiting_WithoutOpeningTheBreaker()
    {
        await using var fake = await CloudStackFake.StartAsync(new CloudStackFakeOptions { ApiThrottle = 1, ApiThrottleInterval = TimeSpan.FromSeconds(3) });
        var http = Clients.Http with { RateLimitDefaultWait = TimeSpan.FromSeconds(1), BreakerMinimumCalls = 2, BreakerFailureRatio = 0.5 };
        using var client = Clients.For(Clients.Keys(fake), http: http);

        // At once, so that they fall in one interval whatever the machine's speed.
        var reads = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.ReadAsync("listZones", Clients.None(), CancellationToken.None)));

        reads.ShouldAllBe(r => r.GetProperty("count").GetInt32() == 2);
        fake.Throttled.ShouldBeGreaterThan(0, "the limit was reached");
    }
}
