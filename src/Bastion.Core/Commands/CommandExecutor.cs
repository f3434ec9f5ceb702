using System.Text;
using System.Text.RegularExpressions;
using Bastion.Core.Execution;
using Bastion.Core.Files;

namespace Bastion.Core.Commands;

/// <summary>Runs a <see cref="CommandSpec"/> through a host's runner and bounds what comes back.</summary>
public static partial class CommandExecutor
{
    private const string InDirectory = "cd -- \"$1\" || exit 126; shift; exec \"$@\"";

    /// <summary>Checks the spec; call before fanning out so that a bad spec fails once, not on every host.</summary>
    /// <exception cref="BastionException">Neither or both of line and argv, an empty argv, a relative directory, or a bad variable name.</exception>
    public static void Validate(CommandSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if ((spec.Line is null) == (spec.Argv is null))
        {
            throw new BastionException("Give exactly one of command (a shell line, e.g. \"df -h | sort\") and argv (program and arguments, e.g. [\"df\", \"-h\"]).");
        }

        if (spec.Line is { } line && (line.Trim().Length == 0 || line.Contains('\0', StringComparison.Ordinal)))
        {
            throw new BastionException("command is empty or contains a NUL character.");
        }

        if (spec.Argv is { } argv && (argv.Count == 0 || argv[0].Length == 0 || argv.Any(a => a.Contains('\0', StringComparison.Ordinal))))
        {
            throw new BastionException("argv must name a program first (e.g. [\"uptime\"]) and contain no NUL characters.");
        }

        if (spec.WorkingDirectory is { } directory)
        {
            RemotePath.Normalize(directory, "cwd");
        }

        foreach (var name in spec.Environment.Keys.Where(k => !VariableName().IsMatch(k)))
        {
            throw new BastionException($"env: '{name}' is not a variable name (letters, digits and _, not starting with a digit).");
        }
    }

    /// <summary>Runs the command on the runner's host.</summary>
    /// <exception cref="HostTimeoutException">The command ran past its timeout and was ended (the message holds the tail of its output).</exception>
    public static async Task<CommandOutput> RunAsync(IHostRunner runner, CommandSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<string> argv = spec.Line is { } line ? ["/bin/sh", "-c", line] : spec.Argv!;
        if (spec.WorkingDirectory is { } directory)
        {
            argv = ["/bin/sh", "-c", InDirectory, "sh", RemotePath.Normalize(directory, "cwd"), .. argv];
        }

        var result = await runner.RunAsync(new CommandRequest(argv) { Timeout = spec.Timeout, Environment = spec.Environment }, cancellationToken);
        if (result.TimedOut)
        {
            var tail = result.Stdout.Length > 500 ? "…" + result.Stdout[^500..] : result.Stdout;
            throw new HostTimeoutException(
                $"Host '{runner.HostName}': the command did not finish within {spec.Timeout.TotalSeconds:0.#} s and was ended." +
                (tail.Length > 0 ? $" Its output so far ended with: {tail}" : string.Empty));
        }

        var (stdout, outCut) = Middle(result.Stdout, spec.MaxBytes);
        var (stderr, errCut) = Middle(result.Stderr, spec.MaxBytes);
        return new CommandOutput(result.ExitCode, stdout, stderr, outCut || errCut || result.OutputTruncated, Math.Round(result.Duration.TotalSeconds, 3));
    }

    /// <summary>Text of at most about <paramref name="maxBytes"/> UTF-8 bytes: its head and tail, with a marker in place of the middle.</summary>
    internal static (string Text, bool Cut) Middle(string text, int maxBytes)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length <= maxBytes)
        {
            return (text, false);
        }

        // Cut on character boundaries: a UTF-8 continuation byte looks like 10xxxxxx.
        var headEnd = maxBytes / 2;
        while (headEnd > 0 && (bytes[headEnd] & 0xC0) == 0x80)
        {
            headEnd--;
        }

        var tailStart = bytes.Length - (maxBytes / 2);
        while (tailStart < bytes.Length && (bytes[tailStart] & 0xC0) == 0x80)
        {
            tailStart++;
        }

        var head = Encoding.UTF8.GetString(bytes, 0, headEnd);
        var tail = Encoding.UTF8.GetString(bytes, tailStart, bytes.Length - tailStart);
        return ($"{head}\n…[{tailStart - headEnd} bytes cut]…\n{tail}", true);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
