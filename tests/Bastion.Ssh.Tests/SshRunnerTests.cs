using Bastion.Core.Execution;

namespace Bastion.Ssh.Tests;

[Collection("fleet")]
public class SshRunnerTests(SshFleet fleet)
{
    private SshRunner Runner(int i) => new(fleet.Host(i), fleet.Options, fleet.Paths);

    [Fact]
    public async Task Run_ReachesTheHost_AsItsUser()
    {
        var result = await Runner(3).RunAsync(CommandRequest.Shell("hostname; id -un"), CancellationToken.None);
        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Stdout.ShouldBe("host03\nfleet1\n");
        result.Stderr.ShouldBeEmpty();
    }

    [Fact]
    public async Task Run_KeepsEveryArgumentWhole_WhateverItHolds()
    {
        string[] words = ["a b", "it's", "$(id)", "`id`", "; rm -rf /", "*", "\"q\"", "tab\there", "", "new\nline", "ünï"];
        var result = await Runner(1).RunAsync(new CommandRequest(["printf", "[%s]", .. words]), CancellationToken.None);
        result.Stdout.ShouldBe(string.Concat(words.Select(w => $"[{w}]")));
    }

    [Fact]
    public async Task Run_ReturnsTheRemoteExitCode_Stderr_Stdin_AndEnvironment()
    {
        var request = CommandRequest.Shell("read x; echo \"$x $GREETING\"; echo oops >&2; exit 7") with
        {
            Stdin = "hello\n",
            Environment = new Dictionary<string, string> { ["GREETING"] = "from afar" },
        };
        var result = await Runner(2).RunAsync(request, CancellationToken.None);
        result.ExitCode.ShouldBe(7);
        result.Stdout.ShouldBe("hello from afar\n");
        result.Stderr.ShouldBe("oops\n");
    }

    [Fact]
    public async Task Run_LeavesAMasterConnection_InThePrivateControlDirectory()
    {
        await Runner(4).RunAsync(new CommandRequest(["true"]), CancellationToken.None);
        File.GetUnixFileMode(fleet.Paths.ControlDirectory).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Directory.GetFiles(fleet.Paths.ControlDirectory).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Run_EndsTheRemoteCommand_WhenTheTimeoutPasses()
    {
        var runner = Runner(5);
        var request = new CommandRequest(["sleep", "317"]) { Timeout = TimeSpan.FromSeconds(1) };
        var result = await runner.RunAsync(request, CancellationToken.None);
        result.TimedOut.ShouldBeTrue();
        await AssertNoRemoteProcessAsync(runner, "sleep 317");
    }

    [Fact]
    public async Task Run_EndsTheRemoteCommand_WhenCancelled()
    {
        var runner = Runner(6);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await Should.ThrowAsync<OperationCanceledException>(runner.RunAsync(new CommandRequest(["sleep", "318"]), cts.Token));
        await AssertNoRemoteProcessAsync(runner, "sleep 318");
    }

    [Fact]
    public async Task Run_ReportsAStoppedHost_AsUnreachable()
    {
        var e = await Should.ThrowAsync<HostUnreachableException>(Runner(SshFleet.Stopped).RunAsync(new CommandRequest(["true"]), CancellationToken.None));
        e.Message.ShouldContain("Connection refused");
        e.Host.ShouldBe("host11");
    }

    [Fact]
    public async Task Run_Refuses_AHostWhoseKeyWasNeverRecorded()
    {
        var e = await Should.ThrowAsync<HostUnreachableException>(Runner(SshFleet.Unpinned).RunAsync(new CommandRequest(["true"]), CancellationToken.None));
        e.Message.ShouldContain("is not yet known to Bastion");
        e.Message.ShouldContain("bastion hosts test host13");
    }

    [Fact]
    public async Task Run_RefusesLoudly_WhenTheHostKeyChanged()
    {
        var runner = Runner(SshFleet.Rekeyed);
        await runner.CloseAsync();
        await fleet.Fleet.RekeyAsync(SshFleet.Rekeyed);
        var e = await Should.ThrowAsync<HostUnreachableException>(runner.RunAsync(new CommandRequest(["true"]), CancellationToken.None));
        e.Message.ShouldStartWith("Host 'host12': SECURITY: the host key of 'host12' (fleet1@127.0.0.13:22) has CHANGED");
    }

    private static async Task AssertNoRemoteProcessAsync(SshRunner runner, string command)
    {
        for (var i = 0; i < 30; i++)
        {
            var check = await runner.RunAsync(new CommandRequest(["pgrep", "-u", "fleet1", "-f", $"^{command}$"]), CancellationToken.None);
            if (check.ExitCode == 1)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"'{command}' still runs on {runner.HostName}");
    }
}
