using Bastion.Fakes.Cloudways;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Cloudways's request limit (429 with Retry-After) waited out by the shared HTTP kit, never a failure.</summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task CallsOverTheAccountsLimit_Succeed_AfterWaitingWhatCloudwaysAsks()
    {
        await using var h = await Harness.StartAsync(fake: new FakeOptions { RateLimit = 1, RateLimitWindow = TimeSpan.FromSeconds(3) });
        var client = h.Get<CloudwaysClient>();

        // At once, so that they fall in one window whatever the machine's speed.
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => client.GetAsync("/project", CancellationToken.None)));

        h.Fake.RateLimited.ShouldBeGreaterThan(0, "the limit was reached, the token exchange included");
    }
}
