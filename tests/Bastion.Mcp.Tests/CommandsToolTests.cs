using System.Text.Json;
using Bastion.Testing;
using ModelContextProtocol.Protocol;
using ModelContextProtocol;

namespace Bastion.Mcp.Tests;

/// <summary>
/// How commands_run runs what the policy lets through: an admin-mode server whose policy allows shell lines, with a
/// client that approves every confirmation request (elicitation), so the tool's own mechanics are what is tested.
/// </summary>
public sealed class CommandsToolTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync()
    {
        var approveAll = ApprovingClient.Options();
        _server = await TestServer.StartAsync(Core.Policy.Mode.Admin, client: approveAll, policy: "rules:\n  - shell: true\n");
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<JsonElement> RunAsync(Dictionary<string, object?> args, IProgress<ProgressNotificationValue>? progress = null)
    {
        var result = await _server.Client.CallToolAsync("commands_run", args, progress);
        result.IsError.ShouldNotBe(true, string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text)));
        return result.StructuredContent!.Value;
    }

    [Fact]
    public async Task WritingTools_AreAnnotatedAsSuch_AndTakeConfirmAndDryRun()
    {
        var tools = (await _server.Client.ListToolsAsync()).ToDictionary(t => t.Name, t => t.ProtocolTool);
        foreach (var name in (string[])["commands_run", "files_download", "files_download_dir", "files_upload"])
        {
            tools[name].Annotations!.ReadOnlyHint.ShouldBe(false, name);
            tools[name].Annotations!.DestructiveHint.ShouldBe(true, name);
            var properties = tools[name].InputSchema.GetProperty("properties");
            properties.TryGetProperty("confirm", out _).ShouldBeTrue(name);
            properties.TryGetProperty("dry_run", out _).ShouldBeTrue(name);
        }

        tools["metrics_sample"].InputSchema.GetProperty("properties").TryGetProperty("confirm", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task CommandsRun_RunsAShellLine_InADirectory_WithEnvironment()
    {
        var result = await RunAsync(new() { ["command"] = "pwd; echo \"$GREETING\"; echo err >&2; exit 3", ["cwd"] = "/tmp", ["env"] = new Dictionary<string, string> { ["GREETING"] = "hi" } });
        var output = result.GetProperty("hosts")[0].GetProperty("result");
        output.GetProperty("exit_code").GetInt32().ShouldBe(3);
        output.GetProperty("stdout").GetString().ShouldBe("/tmp\nhi\n");
        output.GetProperty("stderr").GetString().ShouldBe("err\n");
    }

    [Fact]
    public async Task CommandsRun_RunsAnArgv_WithoutAShell()
    {
        var result = await RunAsync(new() { ["argv"] = new[] { "printf", "%s|", "$(id)", "a b" } });
        result.GetProperty("hosts")[0].GetProperty("result").GetProperty("stdout").GetString().ShouldBe("$(id)|a b|");
    }

    [Fact]
    public async Task CommandsRun_CutsTheMiddleOfLongOutput_WithAMarker()
    {
        var result = await RunAsync(new() { ["command"] = "seq 1 100000", ["max_bytes"] = 200 });
        var output = result.GetProperty("hosts")[0].GetProperty("result");
        output.GetProperty("truncated").GetBoolean().ShouldBeTrue();
        var stdout = output.GetProperty("stdout").GetString()!;
        stdout.ShouldStartWith("1\n2\n3\n");
        stdout.ShouldEndWith("99999\n100000\n");
        stdout.ShouldContain("bytes cut]…");
    }

    [Fact]
    public async Task CommandsRun_ReportsATimedOutHost_AndSendsProgress()
    {
        // The SDK client drops a progress notification that races the response, so collect them session-wide.
        var messages = new List<string>();
        await using var registration = _server.Client.RegisterNotificationHandler(NotificationMethods.ProgressNotification, (notification, _) =>
        {
            lock (messages)
            {
                messages.Add(notification.Params!["message"]!.GetValue<string>());
            }

            return ValueTask.CompletedTask;
        });
        var result = await RunAsync(new() { ["command"] = "echo started; sleep 30", ["timeout"] = 1 }, new Progress<ProgressNotificationValue>());
        result.GetProperty("summary").GetProperty("timed_out").GetInt32().ShouldBe(1);
        var outcome = result.GetProperty("hosts")[0];
        outcome.GetProperty("status").GetString().ShouldBe("timed_out");
        outcome.GetProperty("error").GetString()!.ShouldContain("did not finish within 1 s");
        outcome.GetProperty("error").GetString()!.ShouldContain("started");
        for (var i = 0; i < 40 && messages.Count == 0; i++)
        {
            await Task.Delay(50);
        }

        messages.ShouldHaveSingleItem().ShouldStartWith("local: timed_out in ");
    }

    [Theory]
    [InlineData("{\"argv\":[\"rm\",\"-rf\",\".\"],\"cwd\":\"/\"}")]
    [InlineData("{\"command\":\"rm -rf ..\",\"cwd\":\"/tmp\"}")]
    [InlineData("{\"command\":\"rm -rf /proc/self/root/\"}")]
    [InlineData("{\"argv\":[\"dd\",\"if=/dev/zero\",\"of=vda\"],\"cwd\":\"/dev\"}")]
    [InlineData("{\"command\":\"cd / && rm -rf .\",\"cwd\":\"/srv\"}")]
    public async Task CommandsRun_InAdminMode_RefusesTheRootOrADisk_ReachedThroughTheWorkingDirectory(string args)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(args)!;
        var result = await _server.Client.CallToolAsync("commands_run", arguments);
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain("a built-in deny");
    }

    [Fact]
    public async Task CommandsRun_Plan_ShowsTheWorkingDirectory()
    {
        var result = await _server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "rm -rf data", ["cwd"] = "/srv/app", ["dry_run"] = true });
        var plan = string.Join('\n', result.Content.OfType<TextContentBlock>().Select(c => c.Text));
        plan.ShouldContain("\"action\":\"run `rm -rf data` in /srv/app\"");
        plan.ShouldContain("'rm -rf data' in /srv/app is outside the read-only set");

        var home = await _server.Client.CallToolAsync("commands_run", new Dictionary<string, object?> { ["command"] = "rm -rf data", ["dry_run"] = true });
        string.Join('\n', home.Content.OfType<TextContentBlock>().Select(c => c.Text)).ShouldContain("in the user's home directory");
    }

    [Theory]
    [InlineData("{}", "Give exactly one of command")]
    [InlineData("{\"command\":\"true\",\"argv\":[\"true\"]}", "Give exactly one of command")]
    [InlineData("{\"command\":\"true\",\"cwd\":\"tmp\"}", "cwd 'tmp' is not absolute")]
    [InlineData("{\"command\":\"true\",\"env\":{\"1X\":\"y\"}}", "'1X' is not a variable name")]
    [InlineData("{\"command\":\"true\",\"timeout\":0}", "timeout: 0 is below the minimum 1")]
    public async Task CommandsRun_RefusesABadSpec_OnceForAllHosts(string args, string expected)
    {
        var arguments = JsonSerializer.Deserialize<Dictionary<string, object?>>(args)!;
        var result = await _server.Client.CallToolAsync("commands_run", arguments);
        result.IsError.ShouldBe(true);
        result.Content.OfType<TextContentBlock>().Single().Text.ShouldContain(expected);
    }
}
