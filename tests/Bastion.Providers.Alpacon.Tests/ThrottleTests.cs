using Bastion.Fakes.Alpacon;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>Alpacon's API throttle (DRF: 429 with <c>Retry-After</c>) waited out by the shared HTTP kit, through MCP.</summary>
public sealed class ThrottleTests
{
    [Fact]
    public async Task ServersList_OverTheThrottle_Succeeds_AfterWaitingWhatAlpaconAsks()
    {
        await using var harness = await AlpaconHarness.StartAsync(fakeOptions: new AlpaconFakeOptions { Throttle = 1, ThrottleWindow = TimeSpan.FromSeconds(5) });

        // At once, so that they fall in one window whatever the machine's speed.
        var lists = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => harness.CallAsync("alpacon_list", new() { ["resource"] = "servers" })));

        lists.ShouldAllBe(l => l.GetProperty("total").GetInt32() == harness.Fake.Servers.Count);
        harness.Fake.ThrottledRequests.ShouldBeGreaterThan(0, "the throttle was reached");
    }
}
