using System.Diagnostics;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Servers;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Retries for idempotent calls only, per-attempt timeouts, and the circuit breaker, against injected faults.</summary>
public sealed class ResilienceTests
{
    [Fact]
    public async Task ServerErrors_AreRetriedForAGet_UntilItSucceeds()
    {
        await using var h = await Harness.StartAsync();
        h.Fake.Faults.Fail(503, count: 2, method: "GET", pathPrefix: "/server");

        (await h.Get<CloudwaysServers>().ListAsync(CancellationToken.None)).Count.ShouldBe(2);

        h.Requests("GET", "/server").Select(r => r.Status).ShouldBe([503, 503, 200]);
    }

    [Fact]
    public async Task ServerErrors_OfAGet_SurfaceAfterTheRetries_AsTransient()
    {
        await using var h = await Harness.StartAsync();
        h.Fake.Faults.Fail(503, method: "GET", pathPrefix: "/server");

        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysServers>().ListAsync(CancellationToken.None));

        error.Message.ShouldContain("GET /server failed on Cloudways' side (503: The server is temporarily unable to handle the request.)");
        error.Transient.ShouldBeTrue();
        h.Requests("GET", "/server").Count.ShouldBe(3, "one attempt and two retries");
    }

    [Fact]
    public async Task AServerError_OfAPost_IsNotRetried()
    {
        await using var h = await Harness.StartAsync();
        var client = h.Get<CloudwaysClient>();
        h.Fake.Faults.Fail(503, count: 1, method: "POST", pathPrefix: "/server/restart");

        var error = await Should.ThrowAsync<PlatformException>(() => client.PostAsync("/server/restart", CancellationToken.None, CloudwaysClient.Field("server_id", 50482)));

        error.Status.ShouldBe(503);
        h.Requests("POST", "/server/restart").Count.ShouldBe(1, "a restart is never sent twice");
        h.Fake.State.Operations.ShouldBeEmpty();
    }

    [Fact]
    public async Task AHangingCall_TimesOut_AfterEachAttempt()
    {
        var http = new PlatformHttpOptions { AttemptTimeout = TimeSpan.FromMilliseconds(300), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) };
        await using var h = await Harness.StartAsync(cloudways: Harness.FastOptions(http));
        await h.Get<CloudwaysServers>().ListAsync(CancellationToken.None); // the token exchange is out of the way
        h.Fake.Faults.Hang(method: "GET", pathPrefix: "/server");
        var clock = Stopwatch.StartNew();

        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysServers>().ListAsync(CancellationToken.None));

        error.Message.ShouldStartWith("Cloudways: no answer within");
        error.Message.ShouldContain("(tried 2 times)");
        error.Status.ShouldBeNull();
        error.Transient.ShouldBeTrue();
        clock.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(3));
        // The fake logs a hung request once the client has given up on it.
        await Eventually.TrueAsync(() => h.Requests("GET", "/server").Count(r => r.Status == 0) == 2);
    }

    [Fact]
    public async Task TheBreaker_Opens_AfterRepeatedFailures_AndStopsCallingCloudways()
    {
        var http = new PlatformHttpOptions
        {
            AttemptTimeout = TimeSpan.FromSeconds(3),
            Retries = 1,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            BreakerMinimumCalls = 4,
            BreakerFailureRatio = 0.5,
            BreakerWindow = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(30),
        };
        await using var h = await Harness.StartAsync(cloudways: Harness.FastOptions(http));
        var client = h.Get<CloudwaysClient>();
        // Breakers are per endpoint: two calls of GET /server that went well, then it fails.
        await client.GetAsync("/server", CancellationToken.None);
        await client.GetAsync("/server", CancellationToken.None);
        h.Fake.Faults.Fail(503, method: "GET", pathPrefix: "/server");

        var first = await Should.ThrowAsync<PlatformException>(() => client.GetAsync("/server", CancellationToken.None));
        first.Status.ShouldBe(503);
        var sent = h.Fake.Requests.Count;
        var second = await Should.ThrowAsync<PlatformException>(() => client.GetAsync("/server", CancellationToken.None));

        second.Message.ShouldContain("circuit breaker open");
        second.Transient.ShouldBeTrue();
        h.Fake.Requests.Count.ShouldBe(sent, "an open breaker sends nothing");
        h.Requests("GET", "/server").Count.ShouldBe(4, "two good calls, the failing call and its retry; then the breaker opened");
        (await client.GetAsync("/project", CancellationToken.None)).ValueKind.ShouldNotBe(System.Text.Json.JsonValueKind.Undefined, "other endpoints go on");
    }
}
