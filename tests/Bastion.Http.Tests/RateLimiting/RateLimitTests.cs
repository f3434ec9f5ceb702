using System.Net;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Http.RateLimiting;

namespace Bastion.Http.Tests.RateLimiting;

/// <summary>Token buckets per principal and per tenant: over budget is 429 with Retry-After, and the budget comes back.</summary>
public sealed class RateLimitTests
{
    private static readonly Dictionary<string, Principal> Principals = new()
    {
        ["a1"] = TokenTable.Member("a1", "acme"),
        ["a2"] = TokenTable.Member("a2", "acme"),
        ["g1"] = TokenTable.Member("g1", "globex"),
    };

    [Fact]
    public async Task Request_IsTooManyRequests_OverPrincipalBudget_ThenRecovers()
    {
        await using var server = await HttpTestServer.StartAsync(
            o => o with { RateLimit = new RateLimitOptions { PerPrincipal = new RateSpec(3, TimeSpan.FromSeconds(6)), PerTenant = null } },
            [new TokenTable(Principals)]);
        // The bucket refills whole every 6 s: long enough that a loaded machine sends the four requests within one period.
        var session = await server.OpenSessionAsync("a1"); // 2 requests

        using var third = await server.PostAsync(HttpTestServer.Call("access_status"), session, "a1");
        using var fourth = await server.PostAsync(HttpTestServer.Call("access_status"), session, "a1");
        using var other = await server.PostAsync(HttpTestServer.Initialize(), token: "g1");

        third.StatusCode.ShouldBe(HttpStatusCode.OK);
        fourth.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(fourth.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 6);
        var error = (await HttpTestServer.ReadMessageAsync(fourth)).GetProperty("error");
        error.GetProperty("message").GetString()!.ShouldContain("principal budget of 3/6s");
        other.StatusCode.ShouldBe(HttpStatusCode.OK, "another tenant's principal has its own budget");

        await Task.Delay(TimeSpan.FromSeconds(6.2));
        using var later = await server.PostAsync(HttpTestServer.Call("access_status"), session, "a1");
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Request_IsTooManyRequests_OverTenantBudget_SharedByItsPrincipals()
    {
        await using var server = await HttpTestServer.StartAsync(
            o => o with { RateLimit = new RateLimitOptions { PerPrincipal = null, PerTenant = new RateSpec(3, TimeSpan.FromMinutes(1)) } },
            [new TokenTable(Principals)]);

        var statuses = new List<HttpStatusCode>();
        foreach (var token in new[] { "a1", "a2", "a1", "a2" })
        {
            using var response = await server.PostAsync(HttpTestServer.Initialize(), token: token);
            statuses.Add(response.StatusCode);
        }

        using var globex = await server.PostAsync(HttpTestServer.Initialize(), token: "g1");

        statuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);
        globex.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task NinetyFirstRequest_InAMinute_IsRefused_ByDefault()
    {
        await using var server = await HttpTestServer.StartAsync(authenticators: [new TokenTable(Principals)]);

        var ok = 0;
        HttpStatusCode last = default;
        for (var i = 0; i < 91; i++)
        {
            using var response = await server.PostAsync(HttpTestServer.Initialize(), token: "a1");
            last = response.StatusCode;
            ok += response.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }

        ok.ShouldBe(90);
        last.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public void Budget_ReportsWhatIsLeft()
    {
        using var limiter = new RequestRateLimiter(new RateLimitOptions { PerPrincipal = new RateSpec(5, TimeSpan.FromMinutes(1)), PerTenant = new RateSpec(8, TimeSpan.FromMinutes(1)) });
        var principal = Principals["a1"];

        limiter.TryAcquire(principal).ShouldBeNull();
        limiter.TryAcquire(principal).ShouldBeNull();
        limiter.TryAcquire(Principals["a2"]).ShouldBeNull();

        var budget = limiter.For(principal)!;
        budget.PrincipalRemaining.ShouldBe(3);
        budget.PrincipalBurst.ShouldBe(5);
        budget.TenantRemaining.ShouldBe(5);
        budget.TenantBurst.ShouldBe(8);
        budget.RefillWindowSeconds.ShouldBe(60);
    }

    [Theory]
    [InlineData("90/min", 90, 60)]
    [InlineData("90", 90, 60)]
    [InlineData("10/s", 10, 1)]
    [InlineData("1000/h", 1000, 3600)]
    [InlineData("5/2s", 5, 2)]
    [InlineData(" 7/MIN ", 7, 60)]
    public void RateSpec_Parses_AcceptedForms(string text, int requests, double seconds)
    {
        var spec = RateSpec.Parse(text, "--rate-limit")!.Value;

        spec.Requests.ShouldBe(requests);
        spec.Window.TotalSeconds.ShouldBe(seconds);
    }

    [Fact]
    public void RateSpec_IsNull_ForOff() => RateSpec.Parse("off", "--rate-limit").ShouldBeNull();

    [Theory]
    [InlineData("fast")]
    [InlineData("-5/min")]
    [InlineData("5/fortnight")]
    [InlineData("5/0s")]
    public void RateSpec_Refuses_WhatIsNotARate(string text)
    {
        var refused = Should.Throw<BastionException>(() => RateSpec.Parse(text, "--rate-limit"));

        refused.Message.ShouldContain("--rate-limit");
        refused.Message.ShouldContain("90/min");
    }
}
