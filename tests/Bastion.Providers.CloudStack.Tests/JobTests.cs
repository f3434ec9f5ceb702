using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;
using Bastion.Tools;
using ModelContextProtocol;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>Async jobs: started once, polled with queryAsyncJobResult until done, with progress; failures and timeouts.</summary>
public sealed class JobTests : IAsyncLifetime
{
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync(new CloudStackFakeOptions { PollsToComplete = 3 });

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private sealed class Collect : IProgress<ProgressNotificationValue>
    {
        public List<ProgressNotificationValue> Values { get; } = [];

        public void Report(ProgressNotificationValue value)
        {
            lock (Values)
            {
                Values.Add(value);
            }
        }
    }

    [Fact]
    public async Task Stop_CompletesAfterPolls_WithProgressForEachPoll()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var started = await client.StartJobAsync("stopVirtualMachine", Clients.With(("id", FakeSeed.VmWeb01)), CancellationToken.None);
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmWeb01).State.ShouldBe("Stopping");

        var progress = new Collect();
        var job = await client.WaitForJobAsync(started.JobId, "stop VM web-01", progress.AsSteps(), CancellationToken.None);

        job.Status.ShouldBe(1);
        job.StatusName.ShouldBe("succeeded");
        job.Command.ShouldBe("org.apache.cloudstack.api.command.user.vm.StopVMCmd");
        job.Result!.Value.GetProperty("virtualmachine").GetProperty("state").GetString().ShouldBe("Stopped");
        _fake.Cloud.Vms.Single(v => v.Id == FakeSeed.VmWeb01).State.ShouldBe("Stopped");
        _fake.Count("queryAsyncJobResult").ShouldBe(3);
        progress.Values.Select(v => v.Message).ShouldBe([
            $"job {started.JobId} (stop VM web-01): in_progress",
            $"job {started.JobId} (stop VM web-01): in_progress",
            $"job {started.JobId} (stop VM web-01): succeeded"]);
        progress.Values.Select(v => v.Progress).ShouldBe([1f, 2f, 3f]);
    }

    [Fact]
    public async Task Deploy_ReturnsTheNewVmsIdAtOnce_AndTheJobLeavesItRunning()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var started = await client.StartJobAsync("deployVirtualMachine", Clients.With(
            ("zoneid", FakeSeed.ZoneA), ("templateid", FakeSeed.TemplateDebian), ("serviceofferingid", FakeSeed.OfferingMedium), ("name", "web-03"), ("displayname", "Web 03 (canary)")), CancellationToken.None);
        started.ResourceId.ShouldNotBeNull();
        var job = await client.WaitForJobAsync(started.JobId, "deploy VM web-03", null, CancellationToken.None);
        job.StatusName.ShouldBe("succeeded");
        var vm = _fake.Cloud.Vms.Single(v => v.Id == started.ResourceId);
        (vm.Name, vm.State, vm.DisplayName).ShouldBe(("web-03", "Running", "Web 03 (canary)"));
    }

    [Fact]
    public async Task AFailingJob_EndsWithStatus2_AndCloudStacksErrorCodeAndText()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var started = await client.StartJobAsync("deployVirtualMachine", Clients.With(
            ("zoneid", FakeSeed.ZoneA), ("templateid", FakeSeed.TemplateDebian), ("serviceofferingid", FakeSeed.OfferingLarge), ("name", "fail-big")), CancellationToken.None);
        var job = await client.WaitForJobAsync(started.JobId, "deploy VM fail-big", null, CancellationToken.None);
        job.Status.ShouldBe(2);
        job.Error.ShouldNotBeNull().ShouldStartWith("errorcode 533: Unable to create a deployment for VM");
        _fake.Cloud.Vms.Single(v => v.Id == started.ResourceId).State.ShouldBe("Error");
    }

    [Fact]
    public async Task AJobThatNeverEnds_TimesOut_SayingItMayStillFinish()
    {
        _fake.Faults.JobsNeverFinish = true;
        using var client = Clients.For(Clients.Keys(_fake), options: Clients.Options with { JobTimeout = TimeSpan.FromMilliseconds(200) });
        var started = await client.StartJobAsync("rebootVirtualMachine", Clients.With(("id", FakeSeed.VmWeb02)), CancellationToken.None);
        var error = await Should.ThrowAsync<PlatformException>(() => client.WaitForJobAsync(started.JobId, "reboot VM web-02", null, CancellationToken.None));
        error.Message.ShouldContain($"job {started.JobId} (reboot VM web-02) did not finish within");
        error.Message.ShouldContain("It may still finish");
        error.Transient.ShouldBeTrue();
    }

    [Fact]
    public async Task AnAsyncCommandThatCloudStackRefuses_StartsNoJob()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.StartJobAsync("rebootVirtualMachine", Clients.With(("id", FakeSeed.VmDb01)), CancellationToken.None));
        error.Status.ShouldBe(431);
        error.Message.ShouldContain("not in Running state");
        _fake.Cloud.JobCount.ShouldBe(0);
    }

    [Fact]
    public async Task AMissingRequiredParameter_OfDeploy_Is431()
    {
        using var client = Clients.For(Clients.Keys(_fake));
        var error = await Should.ThrowAsync<PlatformException>(() => client.StartJobAsync("deployVirtualMachine", Clients.With(("templateid", FakeSeed.TemplateDebian), ("serviceofferingid", FakeSeed.OfferingSmall)), CancellationToken.None));
        error.Message.ShouldContain("due to missing parameter zoneid");
    }
}
