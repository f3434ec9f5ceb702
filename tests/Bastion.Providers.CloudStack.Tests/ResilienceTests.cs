using Bastion.Testing;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>Retries (reads only), timeouts and the circuit breaker, proven with the fake's fault injection.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static Dictionary<string, string?> DeployArgs() => Clients.With(
        ("zoneid", FakeSeed.ZoneA), ("templateid", FakeSeed.TemplateDebian), ("serviceofferingid", FakeSeed.OfferingSmall), ("name", "web-03"));

    [Fact]
    public async Task A503_IsRetriedForAGet_UntilItSucceeds()
    {
        _fake.Faults.Add(FaultKind.ServiceUnavailable, times: 2, command: "listZones");
        using var client = Clients.For(Clients.Keys(_fake));
        var zones = await client.ReadAsync("listZones", Clients.None(), CancellationToken.None);
        zones.GetProperty("count").GetInt32().ShouldBe(2);
        _fake.Count("listZones").ShouldBe(3);
    }

    [Fact]
    public async Task A503_IsNotRetriedForADeploy_AndTheErrorSaysWhatCameBack()
    {
        _fake.Faults.Add(FaultKind.ServiceUnavailable, times: 1, command: "deployVirtualMachine");
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.StartJobAsync("deployVirtualMachine", DeployArgs(), CancellationToken.None));
        error.Status.ShouldBe(503);
        error.Transient.ShouldBeTrue();
        error.Message.ShouldContain("HTTP 503 and no API error");
        _fake.Count("deployVirtualMachine").ShouldBe(1);
        _fake.Cloud.JobCount.ShouldBe(0);
        _fake.Requests.Single().Method.ShouldBe("POST");
        _fake.Requests.Single().Query.ShouldBeEmpty("an async command carries its signed parameters in the body");
    }

    [Fact]
    public async Task ACloudStackApiError_WithA5xxCode_IsAnAnswer_NotRetried()
    {
        _fake.Faults.Add(FaultKind.InternalError, times: 1, command: "listZones");
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(530);
        error.Message.ShouldContain("errorcode 530");
        _fake.Count("listZones").ShouldBe(1);
    }

    [Fact]
    public async Task AHang_EndsInATimeout_AfterEachAttempt()
    {
        _fake.Faults.Add(FaultKind.Hang, times: 10, command: "listZones");
        using var client = Clients.For(Clients.Keys(_fake), http: Clients.Http with { AttemptTimeout = TimeSpan.FromMilliseconds(300), Retries = 1 });
        var started = DateTime.UtcNow;
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Message.ShouldContain("no answer within");
        error.Message.ShouldContain("tried 2 times");
        error.Transient.ShouldBeTrue();
        _fake.Count("listZones").ShouldBe(2);
        (DateTime.UtcNow - started).ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task AHangingDeploy_TimesOutOnce_AndIsNotSentAgain()
    {
        _fake.Faults.Add(FaultKind.Hang, times: 10, command: "deployVirtualMachine");
        using var client = Clients.For(Clients.Keys(_fake), http: Clients.Http with { AttemptTimeout = TimeSpan.FromMilliseconds(300) });
        var error = await Should.ThrowAsync<PlatformException>(() => client.StartJobAsync("deployVirtualMachine", DeployArgs(), CancellationToken.None));
        error.Message.ShouldContain("no answer within");
        error.Message.ShouldNotContain("tried");
        _fake.Count("deployVirtualMachine").ShouldBe(1);
    }

    [Fact]
    public async Task TheBreaker_OpensAfterRepeatedFailures_RefusesWithoutCalling_ThenRecovers()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        var http = Clients.Http with
        {
            Retries = 1,
            BreakerMinimumCalls = 3,
            BreakerFailureRatio = 0.5,
            BreakerWindow = TimeSpan.FromSeconds(30),
            BreakDuration = TimeSpan.FromSeconds(15),
        };
        using var client = Clients.For(Clients.Keys(_fake), http: http, clock: clock);
        _fake.Faults.Add(FaultKind.ServiceUnavailable, times: 3, command: "listZones");

        // Two failed attempts (the call and its retry) do not reach the breaker's minimum of three calls.
        (await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None))).Status.ShouldBe(503);

        // The third failure opens it; the retry of that call is refused without reaching the fake.
        var opened = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        opened.Message.ShouldContain("circuit breaker open");
        var open = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        open.Message.ShouldContain("circuit breaker open");
        open.Transient.ShouldBeTrue();
        _fake.Count("listZones").ShouldBe(3, "an open breaker does not call");

        clock.Advance(TimeSpan.FromSeconds(16));
        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
        _fake.Count("listZones").ShouldBe(5);
    }
}
