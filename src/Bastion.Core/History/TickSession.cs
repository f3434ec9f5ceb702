using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Execution;
using Bastion.Core.Inventory;

namespace Bastion.Core.History;

/// <summary>
/// One long-lived shell on a host (<see cref="ISessionRunner.SessionArgv"/>): each run writes a script to its stdin,
/// followed by an end marker drawn at random for that run, and reads its stdout up to the marker. The shell first
/// reports its process group, so what a timed-out run left on the host can be ended. Not for concurrent runs.
/// </summary>
internal sealed class TickSession : IAsyncDisposable
{
    private const string GroupMarker = "@@bastion-session ";
    private const int MaxOutputChars = 8 * 1024 * 1024;

    private readonly Process _process;
    private readonly Task _stderr;
    private string _lastError = string.Empty;

    private TickSession(Host host, Process process)
    {
        Host = host;
        _process = process;
        _stderr = DrainAsync(process.StandardError);
    }

    /// <summary>The inventory entry the session was opened for (a changed entry gets a new session).</summary>
    public Host Host { get; }

    /// <summary>The local process's id (the local shell, or the ssh client).</summary>
    public int ProcessId => _process.Id;

    /// <summary>The session shell's process group on the host, once it reported it.</summary>
    public string? ProcessGroup { get; private set; }

    /// <summary>The last line the session wrote on stderr (ssh's reason when it could not connect).</summary>
    public string LastError => _lastError;

    /// <summary>Starts the session's process; the shell is asked to report its process group before anything else.</summary>
    /// <exception cref="IOException">The program could not be started.</exception>
    public static TickSession Start(Host host, IReadOnlyList<string> argv)
    {
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

        var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            process.Dispose();
            throw new IOException($"cannot start '{argv[0]}': {e.Message}", e);
        }

        var session = new TickSession(host, process);
        process.StandardInput.AutoFlush = false;
        process.StandardInput.Write("export LC_ALL=C LANG=C\necho \"" + GroupMarker + "$(cut -d' ' -f5 /proc/$$/stat)\"\n");
        process.StandardInput.Flush();
        return session;
    }

    /// <summary>Runs <paramref name="script"/> in the session (its stdin from /dev/null, its stderr discarded) and
    /// returns what it printed on stdout.</summary>
    /// <exception cref="IOException">The session ended before the script's end marker (the process died, or the host
    /// closed the connection).</exception>
    /// <exception cref="OperationCanceledException">Cancelled (the caller's timeout); the session is then unusable.</exception>
    public async Task<string> RunAsync(string script, CancellationToken cancellationToken)
    {
        var marker = "@@bastion-tick-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12));
        // Cancellation kills the process, so a read blocked on a silent host returns at once.
        await using var kill = cancellationToken.Register(Kill);
        var input = _process.StandardInput;
        try
        {
            await input.WriteAsync(new StringBuilder(script.Length + 96).Append("{\n").Append(script).Append("\n} </dev/null 2>/dev/null\necho; echo ").Append(marker).Append('\n'), cancellationToken);
            await input.FlushAsync(cancellationToken);
        }
        catch (ObjectDisposedException e)
        {
            throw new IOException("the session is closed", e);
        }
        catch (IOException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }

        var output = _process.StandardOutput;
        while (ProcessGroup is null)
        {
            var line = await output.ReadLineAsync(cancellationToken) ?? throw Ended(cancellationToken);
            if (line.StartsWith(GroupMarker, StringComparison.Ordinal))
            {
                ProcessGroup = line[GroupMarker.Length..].Trim();
            }
        }

        var text = new StringBuilder(64 * 1024);
        while (true)
        {
            var line = await output.ReadLineAsync(cancellationToken) ?? throw Ended(cancellationToken);
            if (string.Equals(line, marker, StringComparison.Ordinal))
            {
                // The echo before the marker ends a last line left without a newline; drop the line it added.
                return text.Length > 0 ? text.ToString(0, text.Length - 1) : string.Empty;
            }

            if (text.Length + line.Length < MaxOutputChars)
            {
                text.Append(line).Append('\n');
            }
        }
    }

    /// <summary>Kills the local process (and its local children) at once.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Closes the shell's stdin (it exits at end of input), waits briefly, and kills it if it is still there.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process is gone.
        }

        using (var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                Kill();
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        await _stderr;
        _process.Dispose();
    }

    private Exception Ended(CancellationToken cancellationToken) => cancellationToken.IsCancellationRequested
        ? new OperationCanceledException(cancellationToken)
        : new IOException($"the session ended{(_lastError.Length > 0 ? ": " + _lastError : string.Empty)}");

    private async Task DrainAsync(StreamReader error)
    {
        try
        {
            while (await error.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    _lastError = Limits.Clip(line, 300);
                }
            }
        }
        catch (IOException)
        {
            // The process is gone.
        }
        catch (ObjectDisposedException)
        {
            // Disposed while draining.
        }
    }
}
