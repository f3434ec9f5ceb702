using System.Diagnostics;
using System.Text.Json;

namespace Bastion.Tests;

/// <summary>
/// <c>bastion call</c> of a tool that needs confirmation can finish: refused without a terminal or <c>--yes</c>, run
/// with <c>--yes</c> (audited as confirmed by the local user), and asked y/N at a real terminal (a pty from <c>script</c>).
/// </summary>
public sealed class CallConfirmationCliTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("bastion-call-confirm-").FullName;
    private readonly string _marker = Path.Combine(Path.GetTempPath(), $"bastion-confirm-{Guid.NewGuid():N}");

    public void Dispose()
    {
        Directory.Delete(_data, recursive: true);
        File.Delete(_marker);
    }

    private string[] Touch => ["call", "commands_run", "target=local", $"command=touch {_marker}", "--mode", "admin"];

    private List<JsonElement> Audit() =>
        [.. File.ReadAllLines(Path.Combine(_data, "audit", "audit.jsonl")).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];

    [Fact]
    public async Task Call_IsRefused_WithoutATerminalOrYes()
    {
        var (code, _, stderr) = await BastionProcess.RunInAsync(_data, string.Empty, new Dictionary<string, string?>(), Touch);

        code.ShouldBe(1);
        stderr.ShouldContain("needs your confirmation and there is no terminal to ask at: nothing ran. Run it again with --yes");
        File.Exists(_marker).ShouldBeFalse();
        Audit().ShouldContain(e => e.GetProperty("decision").GetString() == "declined");
    }

    [Fact]
    public async Task Call_Runs_WithYes_AuditedAsConfirmedByTheLocalUser()
    {
        var (code, stdout, stderr) = await BastionProcess.RunInAsync(_data, string.Empty, new Dictionary<string, string?>(), [.. Touch, "--yes"]);

        code.ShouldBe(0, stderr);
        File.Exists(_marker).ShouldBeTrue();
        stderr.ShouldContain($"touch {_marker}");
        stderr.ShouldContain("Yes (--yes).");
        JsonDocument.Parse(stdout).RootElement.GetProperty("summary").ValueKind.ShouldBe(JsonValueKind.Object);
        var confirmed = Audit().Where(e => e.GetProperty("phase").GetString() == "intent" && e.GetProperty("decision").GetString() == "confirmed").ShouldHaveSingleItem();
        confirmed.GetProperty("tool").GetString().ShouldBe("commands_run");
        confirmed.GetProperty("principal").GetString().ShouldBe(Environment.UserName);
    }

    [Theory]
    [InlineData("y\n", true)]
    [InlineData("\n", false)]
    public async Task Call_AsksAtATerminal_AndDoesWhatTheUserAnswers(string answer, bool runs)
    {
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("-qec");
        start.ArgumentList.Add($"dotnet '{Path.Combine(AppContext.BaseDirectory, "bastion.dll")}' {string.Join(' ', Touch.Select(a => $"'{a}'"))}");
        start.ArgumentList.Add("/dev/null");
        start.Environment["BASTION_DATA_DIR"] = _data;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        await process.StandardInput.WriteAsync(answer);
        await process.StandardInput.FlushAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        var shown = await output;
        shown.ShouldContain($"touch {_marker}");
        shown.ShouldContain("[y/N]");
        File.Exists(_marker).ShouldBe(runs, shown);
    }
}
