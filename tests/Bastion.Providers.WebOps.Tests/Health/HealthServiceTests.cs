using Bastion.Fakes.WebOps;
using Bastion.Providers.WebOps.Health;

namespace Bastion.Providers.WebOps.Tests.Health;

/// <summary>The health service on its own, against the fake WebOps over HTTP: no MCP, no pipeline.</summary>
public sealed class HealthServiceTests() : ServiceTestBase(withBlog: true)
{
    private WebOpsHealth Service => Resolve<WebOpsHealth>();

    [Fact]
    public async Task Read_IsHealthy_WithResourcesChecksAndHistory_WhenAllIsWell()
    {
        var health = await Service.ReadAsync(includeDeployments: true, historyHours: 2, CancellationToken.None);

        health.Healthy.ShouldBeTrue();
        health.Notes.ShouldBeEmpty();
        health.Resources.CpuPercent.ShouldBe(23.0);
        health.BackgroundWorkers.ShouldNotBeNull().WorkerCount.ShouldBe(2);
        var check = health.Deployments.ShouldNotBeNull().Results.ShouldHaveSingleItem();
        check.Name.ShouldBe("blog");
        check.ResponseSeconds.ShouldBe(0.0417);
        var history = health.History.ShouldNotBeNull();
        history.Samples.ShouldBe(24, "the fake samples every five minutes");
        history.DiskPercent.ShouldNotBeNull().Max.ShouldBe(61.0);
    }

    [Fact]
    public async Task HistoryLast_IsTheNewestSample_WhenWebOpsAnswersNewestFirst()
    {
        var health = await Service.ReadAsync(includeDeployments: false, historyHours: 2, CancellationToken.None);

        // The fake's 24 samples: cpu = 23 + 10 sin(i / 6) for i = 0 (oldest) … 23 (newest), sent newest first.
        var cpu = health.History.ShouldNotBeNull().CpuPercent.ShouldNotBeNull();
        cpu.Last.ShouldBe(Math.Round(23.0 + (10 * Math.Sin(23 / 6.0)), 1));
        cpu.Last.ShouldNotBe(23.0, "the oldest sample (i = 0) is 23.0");
    }

    [Fact]
    public async Task Read_SaysWhyItIsUnhealthy_WhenCpuIsHighAndNoWorkerRuns()
    {
        Fake.Mutate(s =>
        {
            s.Health.CpuPercent = 97.5;
            s.Health.CeleryWorkers = 0;
        });

        var health = await Service.ReadAsync(includeDeployments: false, historyHours: 0, CancellationToken.None);

        health.Healthy.ShouldBeFalse();
        health.Deployments.ShouldBeNull();
        health.History.ShouldBeNull();
        health.Notes.ShouldBe(["WebOps reports itself unhealthy: CPU at 97.5 %; no background worker runs (deploys, stops and restarts stay queued)."]);
    }
}
