using Bastion.Fakes.Cloudways;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Operations;
using Bastion.Tools;
using ModelContextProtocol;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Operations: started by a call, polled at /operation/{id} with progress until done, failed or out of time.</summary>
public sealed class OperationTests
{
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

    private static async Task<string> StartRestartAsync(Harness h) =>
        CloudwaysOperations.IdIn(await h.Get<CloudwaysClient>().PostAsync("/server/restart", CancellationToken.None, CloudwaysClient.Field("server_id", 50482)))!;

    [Fact]
    public async Task Restart_CompletesAfterThePlatformsPolls_ReportingEachAsProgress()
    {
        await using var h = await Harness.StartAsync(fake: new FakeOptions { PollsToComplete = 3 });
        var progress = new Collect();

        var (operation, seconds) = await h.Get<CloudwaysOperations>().WaitAsync(await StartRestartAsync(h), "restart of server 50482", progress.AsSteps(), CancellationToken.None);

        operation.State.ShouldBe(OperationState.Completed);
        operation.Type.ShouldBe("restarting_server");
        operation.ServerId.ShouldBe(50482);
        seconds.ShouldBeGreaterThan(0);
        progress.Values.Select(v => v.Progress).ShouldBe([1f, 2f, 3f]);
        progress.Values[0].Message.ShouldNotBeNull().ShouldContain("Process is initiated");
        h.Fake.State.Servers[0].Restarts.ShouldBe(1);
        h.Requests("GET", $"/operation/{operation.Id}").Count.ShouldBe(3);
    }

    [Fact]
    public async Task AFailedOperation_SurfacesCloudwaysReason()
    {
        await using var h = await Harness.StartAsync();
        h.Fake.State.FailOperations = true;

        var id = await StartRestartAsync(h);

        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysOperations>().WaitAsync(id, "restart of server 50482", null, CancellationToken.None));

        error.Message.ShouldContain("restart of server 50482 failed");
        error.Message.ShouldContain("The server did not respond to the request.");
        h.Fake.State.Servers[0].Restarts.ShouldBe(0);
    }

    [Fact]
    public async Task AnOperationStillRunning_AtTheTimeout_SaysItMayStillFinish_AndNamesIt()
    {
        var options = Harness.FastOptions() with { PollTimeout = TimeSpan.FromMilliseconds(200) };
        await using var h = await Harness.StartAsync(fake: new FakeOptions { PollsToComplete = 10_000 }, cloudways: options);
        var id = await StartRestartAsync(h);

        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysOperations>().WaitAsync(id, "restart of server 50482", null, CancellationToken.None));

        error.Message.ShouldContain($"restart of server 50482, operation {id} did not finish within");
        error.Message.ShouldContain("It may still finish");
        error.Transient.ShouldBeTrue();
    }

    [Fact]
    public async Task TheResultOfAFinishedOperation_IsReadFromItsParameters()
    {
        await using var h = await Harness.StartAsync();
        var answer = await h.Get<CloudwaysClient>().GetAsync("/server/50482/diskUsage", CancellationToken.None);

        var (operation, _) = await h.Get<CloudwaysOperations>().WaitAsync(CloudwaysOperations.IdIn(answer)!, "disk usage", null, CancellationToken.None);

        var result = operation.Result.ShouldNotBeNull();
        result.GetProperty("total").GetString().ShouldBe("1.5G");
        result.GetProperty("disk_usage").GetArrayLength().ShouldBe(2);
    }
}
