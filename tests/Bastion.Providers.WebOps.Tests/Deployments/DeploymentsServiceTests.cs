using Bastion.Core;
using Bastion.Fakes.WebOps;
using Bastion.Providers.WebOps.Deployments;

namespace Bastion.Providers.WebOps.Tests.Deployments;

/// <summary>The deployments service on its own, against the fake WebOps over HTTP: no MCP, no pipeline.</summary>
public sealed class DeploymentsServiceTests() : ServiceTestBase(new FakeWebOpsOptions { BuildPolls = 3 })
{
    private WebOpsDeployments Service => Resolve<WebOpsDeployments>();

    private static DeployRequest Shop(string repository = "https://git.example.org/me/shop.git", DeployEnvironment? environment = DeployEnvironment.Production, Dictionary<string, string>? env = null) =>
        new("shop", repository, "main", environment, null, env ?? new Dictionary<string, string> { ["DEBUG"] = "False" });

    [Fact]
    public async Task DeployWait_ThatBreaksOff_ShowsTheLastRecordPolled_NotTheCreatePlaceholder()
    {
        var progress = new OnFirstStep(() => Fake.Inject(Bastion.Fakes.WebOps.Faults.Fault.Unavailable("/api/deployments/shop/", "GET", times: 50)));

        var result = await Service.DeployAsync(Shop(), wait: true, timeoutSeconds: 60, progress, CancellationToken.None);

        result.Outcome.ShouldBe("unknown");
        result.Deployment.Status.ShouldBe("building", "the first poll saw it building; the create call answered pending");
        result.Notes.ShouldContain(n => n.Contains("last seen building", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_FollowsTheBuild_UntilTheAppRuns()
    {
        var progress = new StepLog();

        var result = await Service.DeployAsync(Shop(), wait: true, timeoutSeconds: 60, progress, CancellationToken.None);

        result.Outcome.ShouldBe("running");
        result.Deployment.Status.ShouldBe("running");
        result.RecentLogs.ShouldNotBeEmpty();
        result.Notes.ShouldContain(n => n.StartsWith("Deployed: WebOps runs shop", StringComparison.Ordinal));
        progress.Values.ShouldNotBeEmpty();
        progress.Values[^1].Message.ShouldBe("deployment shop: running");
        Fake.Count("POST", "/api/deployments/create/").ShouldBe(1);
        Fake.Read(s => s.Deployments.Single().EnvVars).ShouldBe(new Dictionary<string, string> { ["DEBUG"] = "False", ["ENVIRONMENT"] = "production" });
    }

    [Fact]
    public async Task Deploy_IsFailed_AndSaysTheNameStaysTaken_WhenTheBuildFails()
    {
        var result = await Service.DeployAsync(Shop(repository: "https://git.example.org/me/broken.git"), wait: true, timeoutSeconds: 60, progress: null, CancellationToken.None);

        result.Outcome.ShouldBe("failed");
        result.Notes.ShouldContain(n => n.Contains("webops_deployment_control action=delete", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deploy_IsQueued_AndPollsNothing_WhenNotWaiting()
    {
        var progress = new StepLog();

        var result = await Service.DeployAsync(Shop(), wait: false, timeoutSeconds: 60, progress, CancellationToken.None);

        result.Outcome.ShouldBe("queued");
        progress.Values.ShouldBeEmpty();
        Fake.Count("GET", "/api/deployments/shop/").ShouldBe(1, "only the logs are read after queueing");
    }

    [Fact]
    public async Task Deploy_RefusesBeforeCallingWebOps_WhenEnvironmentIsGivenTwiceDifferently()
    {
        var request = Shop(env: new Dictionary<string, string> { ["ENVIRONMENT"] = "staging" });

        var error = await Should.ThrowAsync<BastionException>(() => Service.DeployAsync(request, wait: true, timeoutSeconds: 60, progress: null, CancellationToken.None));

        error.Message.ShouldBe("env_vars sets ENVIRONMENT=staging and environment is production; give one of them.");
        Fake.Count("POST", "/api/deployments/create/").ShouldBe(0);
    }

    [Fact]
    public async Task Delete_WaitsUntilWebOpsNoLongerKnowsTheDeployment()
    {
        AddBlog();

        var result = await Service.DeleteAsync("blog", wait: true, timeoutSeconds: 30, progress: null, CancellationToken.None);

        result.Gone.ShouldBeTrue();
        result.Notes.ShouldBeEmpty();
        Fake.Read(s => s.Deployments.Count()).ShouldBe(0);
    }

    [Fact]
    public async Task List_MatchesTheEnvironment_WithOneDetailRequestPerDeploymentExamined()
    {
        Fake.Mutate(s =>
        {
            s.Create(Fake.Options.Username, "api", "https://git.example.org/me/api.git", "main", string.Empty, new() { ["ENVIRONMENT"] = "staging" }, "running");
            s.Create(Fake.Options.Username, "web", "https://git.example.org/me/web.git", "main", string.Empty, new() { ["ENVIRONMENT"] = "production" }, "running");
            s.Create(Fake.Options.Username, "docs", "https://git.example.org/me/docs.git", "main", string.Empty, [], "stopped");
        });

        var list = await Service.ListAsync(status: null, nameContains: null, DeployEnvironment.Staging, limit: 50, CancellationToken.None);

        list.Deployments.Select(d => d.Name).ShouldBe(["api"]);
        list.Total.ShouldBe(1);
        list.Notes.ShouldContain(n => n.Contains("(3 detail requests)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_CountsWebOpsTotal_AndCutsAtTheLimit_WithoutFilters()
    {
        Fake.Mutate(s =>
        {
            foreach (var name in new[] { "a1", "a2", "a3" })
            {
                s.Create(Fake.Options.Username, name, $"https://git.example.org/me/{name}.git", "main", string.Empty, [], "running");
            }
        });

        var list = await Service.ListAsync(status: null, nameContains: null, environment: null, limit: 2, CancellationToken.None);

        list.Total.ShouldBe(3);
        list.Deployments.Count.ShouldBe(2);
        list.Truncated.ShouldBeTrue();
    }
}
