using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Bastion.Core.Execution;
using Bastion.Core.Files;
using Bastion.Core.Policy;

namespace Bastion.Core.Commands;

/// <summary>Runs a <see cref="CommandSpec"/> through a host's runner and bounds what comes back.</summary>
public static partial class CommandExecutor
{
    private const string InDirectory = "cd -- \"$1\" || exit 126; shift; exec \"$@\"";

    // After the guard's prelude: $1 "sudo -n" or empty, $2 the working directory or empty, $3 how many paths to check,
    // then those paths, then the command, which runs unchanged once every path that exists has passed.
    private const string Guarded = """
        bg_as=$1; [ -z "$2" ] || cd -- "$2" || exit 126
        n=$3; shift 3
        while [ "$n" -gt 0 ]; do
          if $bg_as test -e "$1" || [ -L "$1" ]; then bg_check "$1"; bg_key "$1" "$bg_p"; fi
          shift; n=$((n - 1))
        done
        exec "$@"
        """;

    /// <summary>Programs whose operands are files they read or list: their operands are resolved and checked on the host.</summary>
    private static readonly FrozenSet<string> Readers = new[]
    {
        "cat", "tac", "nl", "head", "tail", "less", "more", "wc", "grep", "egrep", "fgrep", "zgrep", "zcat", "bzcat", "xzcat", "zstdcat",
        "strings", "od", "hexdump", "xxd", "base64", "base32", "sort", "uniq", "cut", "paste", "rev", "diff", "cmp", "comm",
        "md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum", "b2sum", "cksum", "sum", "file", "stat", "ls",
    }.ToFrozenSet(StringComparer.Ordinal);

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

    /// <summary>
    /// Runs the command on the runner's host. When it is a program that reads files (cat, head, tail, grep, …, also under
    /// sudo, env, timeout or sh -c), its operands are first resolved on the host, relative to the working directory, and
    /// checked by <paramref name="guard"/>, in the same script: a secret refuses the command before it runs.
    /// </summary>
    /// <exception cref="HostTimeoutException">The command ran past its timeout and was ended (the message holds the tail of its output).</exception>
    /// <exception cref="BastionException">An operand is, or resolves to, a secret file or a file holding a private key; nothing ran.</exception>
    public static async Task<CommandOutput> RunAsync(IHostRunner runner, PathGuard guard, CommandSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(guard);
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<string> argv = spec.Line is { } line ? ["/bin/sh", "-c", line] : spec.Argv!;
        var directory = spec.WorkingDirectory is { } given ? RemotePath.Normalize(given, "cwd") : null;
        var operands = GuardedOperands(spec.Line is { } text ? ShellLine.Parse(text).Argv : spec.Argv, out var sudo);
        if (operands.Count > 0)
        {
            argv = ["/bin/sh", "-c", guard.Prelude(runner) + Guarded, "sh", sudo ? "sudo -n" : string.Empty, directory ?? string.Empty, operands.Count.ToString(CultureInfo.InvariantCulture), .. operands, .. argv];
        }
        else if (directory is not null)
        {
            argv = ["/bin/sh", "-c", InDirectory, "sh", directory, .. argv];
        }

        var result = await runner.RunAsync(new CommandRequest(argv) { Timeout = spec.Timeout, Environment = spec.Environment }, cancellationToken);
        if (operands.Count > 0 && guard.Refusal(runner.HostName, result) is { } refused)
        {
            throw refused;
        }

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

    /// <summary>
    /// The operands of <paramref name="argv"/> that name files its program reads (after leading assignments and wrappers
    /// such as sudo, env, timeout and sh -c are taken off): every word that is not an option, the value of --opt=VALUE,
    /// and a path glued to a short option. Empty when the program is not a reader, or the line has shell syntax.
    /// </summary>
    internal static IReadOnlyList<string> GuardedOperands(IReadOnlyList<string>? argv, out bool sudo)
    {
        sudo = false;
        var words = argv?.SkipWhile(ShellLine.IsAssignment).ToList();
        if (words is not { Count: > 0 })
        {
            return [];
        }

        var unwrapped = Wrappers.Unwrap(words, maySudo: true);
        sudo = unwrapped.UsesSudo;
        if (unwrapped.Inner is not { Count: > 0 } inner || !Readers.Contains(ArgPaths.Basename(inner[0])))
        {
            return [];
        }

        var operands = new List<string>();
        foreach (var arg in inner.Skip(1))
        {
            if (arg.Length == 0 || arg == "-" || arg == "--")
            {
                continue;
            }

            if (!arg.StartsWith('-'))
            {
                operands.Add(arg);
            }
            else if (arg.IndexOf('=', StringComparison.Ordinal) is > 0 and var eq && eq < arg.Length - 1)
            {
                operands.Add(arg[(eq + 1)..]);
            }
            else if (!arg.StartsWith("--", StringComparison.Ordinal) && arg.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash)
            {
                operands.Add(arg[slash..]);
            }
        }

        if (operands.Count == 0 && ArgPaths.Basename(inner[0]) == "ls")
        {
            operands.Add(".");
        }

        return operands;
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
