using System.Security.Cryptography;
using System.Text;
using Bastion.Core;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Fakes.Alpacon;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Providers.Alpacon.Tests;

/// <summary>The Command API runner against the fake's command lifecycle.</summary>
public sealed class RunnerTests : IAsyncLifetime
{
    private AlpaconHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await AlpaconHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    private async Task<IHostRunner> RunnerAsync(string host = "web-01")
    {
        var inventory = _harness.Services.GetRequiredService<IInventory>();
        await inventory.RefreshAsync(CancellationToken.None);
        return _harness.Services.GetRequiredService<IRunnerProvider>().For(inventory.Get(host));
    }

    [Fact]
    public async Task Run_ReturnsExitCodeAndOutput_OfTheLineAsSubmitted()
    {
        var runner = await RunnerAsync();
        var result = await runner.RunAsync(new CommandRequest(["/bin/sh", "-c", "echo out; echo err >&2; exit 3"]), CancellationToken.None);
        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBe("out\nerr\n");
        result.Stderr.ShouldBeEmpty();
        result.TimedOut.ShouldBeFalse();
        _harness.Fake.Commands.Single().Line.ShouldBe("echo out; echo err >&2; exit 3");
    }

    [Fact]
    public async Task Run_QuotesArgvWords_AndPassesEnvironmentAndStdin()
    {
        var runner = await RunnerAsync();
        var request = CommandRequest.Facts("printf '%s|' \"$1\" \"$LC_ALL\"; cat", "it's a $HOME; `x`") with { Stdin = "from stdin" };
        var result = await runner.RunAsync(request, CancellationToken.None);
        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe("it's a $HOME; `x`|C|from stdin");
        _harness.Fake.Commands.Single().Environment["LC_ALL"].ShouldBe("C");
    }

    [Fact]
    public async Task Run_StreamsBinaryStdinAndStdout_ThroughTheJsonApi()
    {
        var runner = await RunnerAsync();
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        using var input = new MemoryStream(bytes);
        using var output = new MemoryStream();
        var result = await runner.RunAsync(new CommandRequest(["/bin/sh", "-c", "cat; echo oops >&2"]) { StdinStream = input, StdoutSink = output }, CancellationToken.None);
        result.ExitCode.ShouldBe(0);
        output.ToArray().ShouldBe(bytes);
        result.Stderr.ShouldBe("oops\n");
    }

    [Fact]
    public async Task Run_WaitsForApproval_WithoutResubmitting()
    {
        _harness.Fake.RequireApproval("^touch ");
        var runner = await RunnerAsync();
        var marker = Path.Combine(Path.GetTempPath(), $"alpacon-approved-{Guid.NewGuid():N}");
        var run = runner.RunAsync(new CommandRequest(["/bin/sh", "-c", $"touch {marker} && echo made"]), CancellationToken.None);
        var parked = await WaitForAsync(() => _harness.Fake.Commands.FirstOrDefault(c => c.Status == "awaiting_approval"));
        await Task.Delay(200);
        File.Exists(marker).ShouldBeFalse();
        _harness.Fake.Approve(parked.Id).ShouldBeTrue();
        var result = await run;
        result.ExitCode.ShouldBe(0);
        result.Stdout.ShouldBe("made\n");
        File.Exists(marker).ShouldBeTrue();
        File.Delete(marker);
        _harness.Fake.Commands.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Run_GivesUpWaitingForApproval_NamesTheCommand_AndLeavesItParked()
    {
        _harness.Fake.RequireApproval("^reboot");
        var runner = await RunnerAsync();
        var error = await Should.ThrowAsync<BastionException>(() => runner.RunAsync(new CommandRequest(["/bin/sh", "-c", "reboot"]), CancellationToken.None));
        var parked = _harness.Fake.Commands.Single();
        parked.Status.ShouldBe("awaiting_approval");
        error.Message.ShouldContain(parked.Id);
        error.Message.ShouldContain("do not run it again");
    }

    [Fact]
    public async Task Run_ReportsRejectedAndDenied_AsNotRun()
    {
        _harness.Fake.RequireApproval("^shutdown");
        _harness.Fake.Deny("^rm ");
        var runner = await RunnerAsync();
        var denied = await Should.ThrowAsync<BastionException>(() => runner.RunAsync(new CommandRequest(["/bin/sh", "-c", "rm -rf /tmp/nothing-here"]), CancellationToken.None));
        denied.Message.ShouldContain("denied");
        denied.Message.ShouldContain("did not run");

        var run = runner.RunAsync(new CommandRequest(["/bin/sh", "-c", "shutdown -h now"]), CancellationToken.None);
        var parked = await WaitForAsync(() => _harness.Fake.Commands.FirstOrDefault(c => c.Status == "awaiting_approval"));
        _harness.Fake.Reject(parked.Id).ShouldBeTrue();
        var rejected = await Should.ThrowAsync<BastionException>(() => run);
        rejected.Message.ShouldContain("rejected");
        rejected.Message.ShouldContain("did not run");
    }

    [Fact]
    public async Task Run_OnADisconnectedServer_IsUnreachable_WhenTheCommandIsStuck()
    {
        _harness.Fake.Servers[1].Connected = false;
        var runner = await RunnerAsync("db-01");
        var error = await Should.ThrowAsync<HostUnreachableException>(() => runner.RunAsync(new CommandRequest(["uptime"]), CancellationToken.None));
        error.Message.ShouldContain("stuck");
    }

    [Fact]
    public async Task Run_PastItsTimeout_IsATimedOutResult()
    {
        var runner = await RunnerAsync();
        var result = await runner.RunAsync(new CommandRequest(["sleep", "5"]) { Timeout = TimeSpan.FromMilliseconds(300) }, CancellationToken.None);
        result.TimedOut.ShouldBeTrue();
        result.ExitCode.ShouldBe(-1);
        result.Stderr.ShouldContain("may still finish");
    }

    [Fact]
    public async Task Run_CapsOutput_AtTheRequestsLimit()
    {
        var runner = await RunnerAsync();
        var result = await runner.RunAsync(new CommandRequest(["/bin/sh", "-c", "head -c 5000 /dev/zero | tr '\\0' x"]) { MaxOutputBytes = 1000 }, CancellationToken.None);
        Encoding.UTF8.GetByteCount(result.Stdout).ShouldBe(1000);
        result.OutputTruncated.ShouldBeTrue();
    }

    [Fact]
    public async Task Run_WhenTheFakeAnswersWithAnObject_StillFindsTheCommandId()
    {
        await using var single = await AlpaconHarness.StartAsync(fakeOptions: new AlpaconFakeOptions { SubmitAsList = false });
        var inventory = single.Services.GetRequiredService<IInventory>();
        await inventory.RefreshAsync(CancellationToken.None);
        var result = await single.Services.GetRequiredService<IRunnerProvider>().For(inventory.Get("web-01")).RunAsync(new CommandRequest(["echo", "single"]), CancellationToken.None);
        result.Stdout.ShouldBe("single\n");
    }

    private static async Task<T> WaitForAsync<T>(Func<T?> probe) where T : class
    {
        for (var i = 0; i < 200; i++)
        {
            if (probe() is { } found)
            {
                return found;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("condition not reached");
    }
}
