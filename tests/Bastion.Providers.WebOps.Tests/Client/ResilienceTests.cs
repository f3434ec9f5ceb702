using Bastion.Fakes.WebOps;
using Bastion.Fakes.WebOps.Faults;
using Bastion.Providers.WebOps.Deployments;

namespace Bastion.Providers.WebOps.Tests.Client;

/// <summary>Transient failures, WebOps's error bodies, and answers that are not what a route promises.</summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private FakeWebOps _fake = null!;
    private WebOpsHarness _bastion = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWebOps.StartAsync();
        _bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake));
        await _bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None); // signed in
    }

    public async Task DisposeAsync()
    {
        await _bastion.DisposeAsync();
        await _fake.DisposeAsync();
    }

    private Task<Deployment> CreateAsync(string name = "shop") =>
        _bastion.Client.CreateAsync(name, "https://git.example.org/acme/shop.git", "main", null, new Dictionary<string, string>(), CancellationToken.None);

    [Fact]
    public async Task A503OnAGet_IsRetried_AndTheCallSucceeds()
    {
        _fake.Inject(Fault.Unavailable("/api/deployments/", "GET", times: 2));
        var before = _fake.Count("GET", "/api/deployments/");

        (await _bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)).Total.ShouldBe(0);

        (_fake.Count("GET", "/api/deployments/") - before).ShouldBe(3);
    }

    [Fact]
    public async Task A503OnAPost_IsNotRetried_AndSaysSo()
    {
        _fake.Inject(Fault.Unavailable("/api/deployments/create/", "POST"));

        var error = await Should.ThrowAsync<PlatformException>(() => CreateAsync());

        error.Message.ShouldBe("WebOps: POST /api/deployments/create/ failed on the server (HTTP 503): 503 Service Unavailable.");
        error.Transient.ShouldBeTrue();
        _fake.Count("POST", "/api/deployments/create/").ShouldBe(1);
        _fake.Read(s => s.Deployments.Count()).ShouldBe(0);
    }

    [Fact]
    public async Task AGetThatNeverAnswers_TimesOutAfterItsRetries()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), options: WebOpsHarness.FastOptions with
        {
            Http = new PlatformHttpOptions { AttemptTimeout = TimeSpan.FromSeconds(1), Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(10) },
        });
        await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None);
        _fake.Inject(Fault.Hang("/monitoring/api/system/health/", "GET", times: 5));

        var error = await Should.ThrowAsync<PlatformException>(() => bastion.Client.HealthAsync(CancellationToken.None));

        error.Message.ShouldBe("WebOps: no answer within 1 s (tried 2 times).");
        _fake.Count("GET", "/monitoring/api/system/health/").ShouldBe(2);
    }

    [Fact]
    public async Task AnHtmlPageWhereJsonBelongs_IsAnError_NotData()
    {
        _fake.Inject(Fault.HtmlPage("/api/deployments/", "GET"));

        var error = await Should.ThrowAsync<PlatformException>(() => _bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None));

        error.Message.ShouldBe("WebOps: GET /api/deployments/ answered with an HTML page instead of JSON (HTTP 200): is webops/url the WebOps control panel's base address?");
    }

    [Fact]
    public async Task RateLimiting_IsReportedWithRetryAfter_WhenTheWaitIsLongerThanTheCallMayWait()
    {
        _fake.Inject(Fault.RateLimited("/api/deployments/", 420, "GET", times: 3));
        var before = _fake.Count("GET", "/api/deployments/");

        var error = await Should.ThrowAsync<PlatformException>(() => _bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None));

        error.Message.ShouldBe("WebOps: rate limited (HTTP 429); try again in 420 s; nothing was done.");
        error.Status.ShouldBe(429);
        (_fake.Count("GET", "/api/deployments/") - before).ShouldBe(1, "a 429 is not a failure to retry at once");
    }

    [Fact]
    public async Task RateLimiting_IsWaitedOut_AsRetryAfterSays_AndTheCallSucceeds()
    {
        _fake.Inject(Fault.RateLimited("/api/deployments/", 1, "POST", times: 2));

        var created = await CreateAsync("paced");

        created.Name.ShouldBe("paced");
        _fake.Count("POST", "/api/deployments/create/").ShouldBe(3, "the same POST again once each wait is over: a 429 was not acted on");
        _fake.Read(s => s.Deployments.Count()).ShouldBe(1);
    }

    [Fact]
    public async Task RateLimitAnswers_NeverOpenTheBreaker()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), options: WebOpsHarness.FastOptions with
        {
            Http = new PlatformHttpOptions { Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(10), BreakerMinimumCalls = 2, BreakerFailureRatio = 0.5, BreakDuration = TimeSpan.FromMinutes(5) },
        });
        await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None);
        _fake.Inject(Fault.RateLimited("/api/deployments/", 1, "GET", times: 4));

        (await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)).Total.ShouldBe(0);
        (await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task AFailingEndpoint_OpensOnlyItsOwnBreaker_AndTheErrorNamesIt()
    {
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(_fake), options: WebOpsHarness.FastOptions with
        {
            Http = new PlatformHttpOptions { Retries = 1, RetryDelay = TimeSpan.FromMilliseconds(10), BreakerMinimumCalls = 2, BreakerFailureRatio = 0.5, BreakDuration = TimeSpan.FromMinutes(5) },
        });
        await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None);
        _fake.Inject(Fault.Unavailable("/monitoring/api/system/health/", "GET", times: 10));

        await Should.ThrowAsync<PlatformException>(() => bastion.Client.HealthAsync(CancellationToken.None));
        var open = await Should.ThrowAsync<PlatformException>(() => bastion.Client.HealthAsync(CancellationToken.None));

        open.Message.ShouldContain("GET /monitoring/api/system/health/");
        open.Message.ShouldContain("HTTP 503");
        open.Message.ShouldContain("circuit breaker open");
        (await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)).Total.ShouldBe(0, "other endpoints go on");
    }

    [Fact]
    public async Task WebOpsErrorBodies_BecomeItsOwnSentences()
    {
        await CreateAsync("shop");
        (await Should.ThrowAsync<PlatformException>(() => CreateAsync("shop"))).Message
            .ShouldBe("WebOps: Deployment shop already exists (HTTP 400, POST /api/deployments/create/).");

        var missing = await Should.ThrowAsync<PlatformException>(() => _bastion.Client.GetAsync("nope", CancellationToken.None));
        missing.Message.ShouldBe("WebOps: Deployment nope not found (HTTP 404, GET /api/deployments/nope/).");
        missing.Status.ShouldBe(404);
    }

    [Fact]
    public async Task NamesAreUniqueAcrossUsers_SoAnotherUsersNameIsTaken_ThoughInvisible()
    {
        _fake.Mutate(s => s.Create("someone-else", "their-app", "https://git.example.org/x/y.git", "main", string.Empty, [], "running"));

        (await _bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)).Items.ShouldBeEmpty();
        (await Should.ThrowAsync<PlatformException>(() => _bastion.Client.GetAsync("their-app", CancellationToken.None))).Status.ShouldBe(404);
        (await Should.ThrowAsync<PlatformException>(() => CreateAsync("their-app"))).Message.ShouldContain("Deployment their-app already exists");
    }

    [Fact]
    public async Task AnotherUsersDeployment_IsForbiddenOnTheMonitoringRoutes_WithTheHandlersMessage()
    {
        var id = _fake.Read(s => s.Create("someone-else", "their-app", "https://git.example.org/x/y.git", "main", string.Empty, [], "running").Id);

        var error = await Should.ThrowAsync<PlatformException>(() => _bastion.Client.ProcessAsync(id, CancellationToken.None));

        error.Message.ShouldBe($"WebOps: You don't have permission to access this resource. (HTTP 403, GET /monitoring/api/service/{id}/status/).");
    }
}
