using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Bastion.Core.Execution;

/// <summary>
/// Runs a local process for a runner: bounded capture (or streaming) of stdout and stderr, stdin from text or a
/// stream, a timeout after which the process tree is killed, and cancellation that kills it too. The SSH runner uses
/// the hooks to learn the remote process group and end it before the local ssh client is killed.
/// </summary>
public static class ProcessExecutor
{
    /// <summary>Runs <paramref name="argv"/> (not through a shell) with the request's input, limits and environment.</summary>
    /// <param name="host">Inventory name of the host, for error messages.</param>
    /// <param name="argv">The local program and its arguments (for SSH, the ssh client's argv).</param>
    /// <param name="request">Timeout, stdin, sink, caps; its own argv is not used here.</param>
    /// <param name="hooks">Optional: a consumer of the first stderr line, and work to do before the process is killed.</param>
    /// <param name="cancellationToken">Kills the process and throws <see cref="OperationCanceledException"/>.</param>
    /// <exception cref="HostUnreachableException">The program could not be started.</exception>
    public static async Task<CommandResult> RunAsync(
        string host,
        IReadOnlyList<string> argv,
        CommandRequest request,
        ProcessHooks? hooks,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(argv);
        ArgumentNullException.ThrowIfNull(request);
        if (argv.Count == 0)
        {
            throw new ArgumentException("The command's argv is empty.", nameof(argv));
        }

        var startInfo = new ProcessStartInfo(argv[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in argv.Skip(1))
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
            throw new HostUnreachableException(host, $"cannot start '{argv[0]}': {e.Message}", e);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(request.Timeout);

        var stdout = request.StdoutSink is { } sink
            ? CopyAsync(process.StandardOutput.BaseStream, sink)
            : ReadBoundedAsync(process.StandardOutput.BaseStream, request.MaxOutputBytes, null);
        var stderr = ReadBoundedAsync(process.StandardError.BaseStream, request.MaxOutputBytes, hooks?.FirstStderrLine);
        var timedOut = false;
        try
        {
            await WriteStdinAsync(process, request, timeout.Token);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            if (hooks?.BeforeKill is { } beforeKill)
            {
                await beforeKill();
            }

            Kill(process);
            await process.WaitForExitAsync(CancellationToken.None);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        var (outText, outCut) = await stdout;
        var (errText, errCut) = await stderr;
        return new CommandResult(timedOut ? -1 : process.ExitCode, outText, errText, stopwatch.Elapsed, timedOut, outCut || errCut);
    }

    private static async Task WriteStdinAsync(Process process, CommandRequest request, CancellationToken cancellationToken)
    {
        try
        {
            if (request.StdinStream is { } input)
            {
                await input.CopyToAsync(process.StandardInput.BaseStream, cancellationToken);
            }
            else if (request.Stdin is { } text)
            {
                await process.StandardInput.WriteAsync(text.AsMemory(), cancellationToken);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The command exited without reading all its input; its exit code says what happened.
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

    private static async Task<(string Text, bool Truncated)> CopyAsync(Stream source, Stream sink)
    {
        await source.CopyToAsync(sink);
        return (string.Empty, false);
    }

    private static async Task<(string Text, bool Truncated)> ReadBoundedAsync(Stream stream, int maxBytes, Func<string, bool>? firstLine)
    {
        var kept = new MemoryStream();
        var buffer = new byte[16 * 1024];
        var truncated = false;
        var lookingForFirstLine = firstLine is not null;
        int read;
        while ((read = await stream.ReadAsync(buffer)) > 0)
        {
            var chunk = buffer.AsSpan(0, read);
            if (lookingForFirstLine)
            {
                // Hold bytes back until the first line is complete, then hand it over and keep the rest.
                kept.Write(chunk);
                var held = kept.GetBuffer().AsSpan(0, (int)kept.Length);
                var newline = held.IndexOf((byte)'\n');
                if (newline < 0)
                {
                    continue;
                }

                lookingForFirstLine = false;
                if (!firstLine!(Encoding.UTF8.GetString(held[..newline])))
                {
                    // Not a marker: the held bytes are ordinary stderr, already kept; go on reading.
                    truncated |= kept.Length > maxBytes;
                    kept.SetLength(Math.Min(kept.Length, maxBytes));
                    continue;
                }

                var rest = held[(newline + 1)..].ToArray();
                kept.SetLength(0);
                chunk = rest;
            }

            var room = maxBytes - (int)kept.Length;
            if (room > 0)
            {
                kept.Write(chunk[..Math.Min(room, chunk.Length)]);
            }

            truncated |= chunk.Length > room;
        }

        // Without a complete first line, whatever came is ordinary stderr (e.g. an ssh connection error) and is kept.
        return (Encoding.UTF8.GetString(kept.GetBuffer(), 0, (int)kept.Length), truncated);
    }
}
