using Bastion.Fakes.WebOps;
using Bastion.Providers.WebOps.Services;

namespace Bastion.Providers.WebOps.Tests.Services;

/// <summary>The start/stop/restart service on its own, against the fake WebOps over HTTP: no MCP, no pipeline.</summary>
public sealed class ServiceControlTests() : ServiceTestBase(withBlog: true)
{
    private WebOpsServiceControl Control => Resolve<WebOpsServiceControl>();

    [Fact]
    public async Task Restart_IsDone_WhenTheProcessComesBackWithANewPid()
    {
        var progress = new StepLog();

        var result = await Control.ActAsync("blog", ServiceAction.Restart, wait: true, timeoutSeconds: 30, progress, CancellationToken.None);

        result.Outcome.ShouldBe("done");
        result.Action.ShouldBe("restart");
        result.Process.ShouldNotBeNull().RestartCount.ShouldBe(1);
        progress.Values.ShouldNotBeEmpty();
        progress.Values[0].Message.ShouldStartWith("restart of blog: process ");
        Fake.Count("POST", "/api/deployments/blog/restart/").ShouldBe(1);
    }

    [Fact]
    public async Task Stop_IsQueued_AndSaysHowToFollowIt_WhenNotWaiting()
    {
        var progress = new StepLog();

        var result = await Control.ActAsync("blog", ServiceAction.Stop, wait: false, timeoutSeconds: 30, progress, CancellationToken.None);

        result.Outcome.ShouldBe("queued");
        result.Notes.ShouldContain(n => n.Contains("webops_deployment resource=status", StringComparison.Ordinal));
        progress.Values.ShouldBeEmpty();
        Fake.Count("POST", "/api/deployments/blog/stop/").ShouldBe(1);
    }

    [Fact]
    public async Task Stop_IsDone_WhenTheRecordSaysStopped()
    {
        var result = await Control.ActAsync("blog", ServiceAction.Stop, wait: true, timeoutSeconds: 30, progress: null, CancellationToken.None);

        result.Outcome.ShouldBe("done");
        result.Status.ShouldBe("stopped");
    }
}
