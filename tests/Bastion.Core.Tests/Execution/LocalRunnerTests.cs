using System.Diagnostics;
using Bastion.Core.Execution;

namespace Bastion.Core.Tests.Execution;

public class LocalRunnerTests
{
    private readonly LocalRunner _runner = new();

    [Fact]
    public async Task Run_ReturnsExitCodeAndBothStreams()
    {
        var result = await _runner.RunAsync(CommandRequest.Shell("echo out; echo err >&2; exit 3"), CancellationToken.None);
        result.ExitCode.ShouldBe(3);
        result.Stdout.ShouldBe("out\n");
        result.Stderr.ShouldBe("err\n");
        result.Succeeded.ShouldBeFalse();
        result.TimedOut.ShouldBeFalse();
    }

    [Fact]
    public async Task Run_PassesArgvWithoutAShell()
    {
        var result = await _runner.RunAsync(new CommandRequest(["printf", "%s|", "a b", "$(id)", ";rm -rf /"]), CancellationToken.None);
        result.Stdout.ShouldBe("a b|$(id)|;rm -rf /|");
    }

    [Fact]
    public async Task Shell_PassesArgumentsAsPositionalParameters_NotAsScriptText()
    {
        var result = await _runner.RunAsync(CommandRequest.Shell("printf '%s' \"$1\"", "'; echo injected; '"), CancellationToken.None);
        result.Stdout.ShouldBe("'; echo injected; '");
    }

    [Fact]
    public async Task Run_FeedsStdin_AndSetsEnvironment()
    {
        var request = CommandRequest.Shell("read line; echo \"$line-$GREETING\"") with
        {
            Stdin = "hello\n",
            Environment = new Dictionary<string, string> { ["GREETING"] = "world" },
        };
        (await _runner.RunAsync(request, CancellationToken.None)).Stdout.ShouldBe("hello-world\n");
    }

    [Fact]
    public async Task Facts_RunInTheCLocale()
    {
        var result = await _runner.RunAsync(CommandRequest.Facts("echo \"$LC_ALL\""), CancellationToken.None);
        result.Stdout.ShouldBe("C\n");
    }

    [Fact]
    public async Task Run_KillsTheProcessTree_WhenTheTimeoutPasses()
    {
        var marker = $"bastion-timeout-{Guid.NewGuid():N}";
        var request = CommandRequest.Shell($"sleep 30 & echo $!; wait # {marker}") with { Timeout = TimeSpan.FromMilliseconds(500) };
        var result = await _runner.RunAsync(request, CancellationToken.None);
        result.TimedOut.ShouldBeTrue();
        result.ExitCode.ShouldBe(-1);
        var child = int.Parse(result.Stdout.Trim(), System.Globalization.CultureInfo.InvariantCulture);
        await WaitGoneAsync(child);
    }

    [Fact]
    public async Task Run_KillsTheProcessAndThrows_WhenCancelled()
    {
        using var cts = new CancellationTokenSource();
        var started = Stopwatch.StartNew();
        var run = _runner.RunAsync(CommandRequest.Shell("echo $$; exec sleep 30"), cts.Token);
        await Task.Delay(300);
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(run);
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task Run_CapsCapturedOutput_AndSaysSo()
    {
        var request = CommandRequest.Shell("head -c 100000 /dev/zero | tr '\\0' x") with { MaxOutputBytes = 1000 };
        var result = await _runner.RunAsync(request, CancellationToken.None);
        result.Stdout.Length.ShouldBe(1000);
        result.OutputTruncated.ShouldBeTrue();
        result.ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Run_Throws_WhenTheProgramDoesNotExist()
    {
        var e = await Should.ThrowAsync<HostUnreachableException>(_runner.RunAsync(new CommandRequest(["/no/such/program"]), CancellationToken.None));
        e.Message.ShouldContain("/no/such/program");
        e.Host.ShouldBe("local");
    }

    private static async Task WaitGoneAsync(int pid)
    {
        for (var i = 0; i < 50 && Directory.Exists($"/proc/{pid}") && !IsZombie(pid); i++)
        {
            await Task.Delay(100);
        }

        (Directory.Exists($"/proc/{pid}") && !IsZombie(pid)).ShouldBeFalse($"process {pid} still runs");
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(')')[^1].TrimStart().StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
