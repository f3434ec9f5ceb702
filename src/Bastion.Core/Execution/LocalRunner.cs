using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Bastion.Core.Execution;

/// <summary>
/// Runs commands on the machine Bastion itself runs on, as child processes (no shell unless the
/// request's argv starts one). Timeout and cancellation kill the whole process tree.
/// </summary>
public sealed class LocalRunner(string hostName = LocalRunner.LocalHostName) : IHostRunner
{
    /// <summary>The inventory name of the local host.</summary>
    public const string LocalHostName = "local";

    public string HostName { get; } = hostName;

    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Argv.Count == 0)
        {
            throw new ArgumentException("The command's argv is empty.", nameof(request));
        }

        var startInfo = new ProcessStartInfo(request.Argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in request.Argv.Skip(1))
        {
            startInfo.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in request.Environment)
        {
            startInfo.Environment[name] = value;
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new HostUnreachableException(HostName, $"cannot start '{request.Argv[0]}': {e.Message}", e);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);

        var stdout = ReadBoundedAsync(process.StandardOutput.BaseStream, request.MaxOutputBytes);
        var stderr = ReadBoundedAsync(process.StandardError.BaseStream, request.MaxOutputBytes);
        var timedOut = false;
        try
        {
            await WriteStdinAsync(process, request.Stdin, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        var (outText, outCut) = await stdout;
        var (errText, errCut) = await stderr;
        return new CommandResult(
            timedOut ? -1 : process.ExitCode,
            outText,
            errText,
            stopwatch.Elapsed,
            timedOut,
            outCut || errCut);
    }

    private static async Task WriteStdinAsync(Process process, string? stdin, CancellationToken cancellationToken)
    {
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading its input; that is its business.
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static async Task<(string Text, bool Truncated)> ReadBoundedAsync(Stream stream, int maxBytes)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var truncated = false;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var room = maxBytes - (int)kept.Length;
            if (room > 0)
            {
                kept.Write(buffer, 0, Math.Min(room, read));
            }

            truncated |= read > room;
        }

        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), truncated);
    }
}
