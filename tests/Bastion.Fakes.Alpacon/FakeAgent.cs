using System.Diagnostics;
using System.Text;

namespace Bastion.Fakes.Alpacon;

/// <summary>
/// The fake's stand-in for Alpacon's agent: it runs a command's line with /bin/sh on this machine (in its own UTS
/// namespace when the server has a hostname and the fake runs as root), feeds <c>data</c> to stdin, sets <c>env</c>,
/// and returns one stream with stdout and stderr interleaved, as Alpacon's <c>result</c> does.
/// </summary>
public static class FakeAgent
{
    public static async Task RunAsync(FakeCommand command, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(command);
        var stopwatch = Stopwatch.StartNew();
        var script = "exec 2>&1\n" + command.Line;
        var start = command.Server.Hostname is { } name && Environment.UserName == "root" && File.Exists("/usr/bin/unshare")
            ? new ProcessStartInfo("/usr/bin/unshare") { ArgumentList = { "--uts", "/bin/sh", "-c", "hostname \"$0\" && exec /bin/sh -c \"$1\"", name, script } }
            : new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", script } };
        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.UseShellExecute = false;
        foreach (var (key, value) in command.Environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        try
        {
            if (command.Data is { } data)
            {
                await process.StandardInput.WriteAsync(data);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command did not read all its input.
        }

        using var limit = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            command.Finish(null, await output, stopwatch.Elapsed.TotalSeconds, "remote_command_exceeded_timeout");
            return;
        }

        command.Finish(process.ExitCode, await output, stopwatch.Elapsed.TotalSeconds);
    }

    /// <summary>A short, safe rendering of <paramref name="text"/> for messages.</summary>
    public static string Brief(string text) => text.Length <= 200 ? text : new StringBuilder(text, 0, 200, 203).Append('…').ToString();
}
