using Bastion.Fakes.WebOps;
using Bastion.Providers.WebOps.Deployments;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.WebOps.Tests.Client;

/// <summary>
/// The control panel's global limit per client IP (every path, login included), as the fake models it: Bastion waits
/// out what it asks, and JSON or HTML answers come as the real panel sends them.
/// </summary>
public sealed class GlobalRateLimitTests
{
    [Fact]
    public async Task ManyCalls_OverTheGlobalLimit_AllSucceed_ByWaitingWhatTheServerAsks()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { RateLimit = 3, RateLimitWindow = TimeSpan.FromSeconds(4) });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));
        (await bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)).Total.ShouldBe(0); // login page, login, list: the window is full

        var lists = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None)));

        lists.ShouldAllBe(l => l.Total == 0);
        fake.RateLimited.ShouldBeGreaterThan(0, "the limit was reached, login included");
        fake.Logins.ShouldBe(1);
    }

    [Fact]
    public async Task DeployWait_PacedToHalfTheBudget_NeverMeetsTheLimit()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { BuildPolls = 10, RateLimit = 10, RateLimitWindow = TimeSpan.FromSeconds(2) });
        var options = WebOpsHarness.FastOptions with { RequestBudget = 10, RequestWindow = TimeSpan.FromSeconds(2) };
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake), options: options);
        var deployments = bastion.Services.GetRequiredService<WebOpsDeployments>();

        var result = await deployments.DeployAsync(new DeployRequest("paced", "https://git.example.org/me/paced.git", "main", null, null, null), wait: true, 120, null, CancellationToken.None);

        result.Outcome.ShouldBe("running");
        fake.Count("GET", "/api/deployments/paced/").ShouldBeGreaterThan(10, "the build took more looks than the panel allows in one window");
        fake.RateLimited.ShouldBe(0, "the looks were spread so that the panel never refused one");
    }

    [Fact]
    public async Task RefusedRequests_AnswerJsonOnApiPaths_AndHtmlElsewhere()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { RateLimit = 1, RateLimitWindow = TimeSpan.FromMinutes(1) });
        using var http = new HttpClient { BaseAddress = new Uri(fake.Url) };
        (await http.GetAsync("/auth/login/")).Dispose();

        using var api = await http.GetAsync("/api/deployments/");
        using var page = await http.GetAsync("/auth/login/");

        ((int)api.StatusCode).ShouldBe(429);
        var body = System.Text.Json.JsonDocument.Parse(await api.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("retry_after").GetInt32().ShouldBeInRange(1, 60);
        body.GetProperty("error").GetString().ShouldNotBeNullOrEmpty();
        ((int)page.StatusCode).ShouldBe(429);
        page.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
    }
}
