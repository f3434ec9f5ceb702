using System.Text.RegularExpressions;

namespace Bastion.Core.Policy;

/// <summary>
/// Takes wrappers off an argv so that the command they run is what the policy judges: sudo (-n, -u USER, -E, --),
/// env (-i, -u NAME, NAME=VALUE), nice, nohup, timeout, command, exec, builtin, busybox APPLET, and POSIX shells as
/// [sh, -c, SCRIPT] (SCRIPT read as a shell line). Anything else about a wrapper is refused.
/// </summary>
internal static partial class Wrappers
{
    /// <summary>POSIX-style shells whose -c SCRIPT is read like a shell line.</summary>
    public static readonly IReadOnlySet<string> Shells = new HashSet<string>(StringComparer.Ordinal)
    {
        "sh", "bash", "dash", "zsh", "ksh", "ksh93", "mksh", "lksh", "pdksh", "ash", "hush", "yash", "posh", "rbash",
    };

    private const int MaxDepth = 16;

    /// <summary>Unwraps <paramref name="argv"/>.</summary>
    public static Unwrapped Unwrap(IReadOnlyList<string> argv, bool maySudo)
    {
        var current = argv;
        var usesSudo = false;
        var environment = new List<string>();

        Unwrapped Refuse(string reason, bool scope = false) => new(null, reason, scope, usesSudo, environment, null, []);

        for (var depth = 0; depth < MaxDepth; depth++)
        {
            if (current.Count == 0 || current[0].Length == 0)
            {
                return Refuse("The command is empty; give a program and its arguments, e.g. uptime.");
            }

            var program = ArgPaths.Basename(current[0]);
            string? error = null;
            IReadOnlyList<string>? inner;
            switch (program)
            {
                case "sudo" or "sudo.ws" or "sudo-rs":
                    if (!maySudo)
                    {
                        return Refuse("sudo needs the commands:sudo scope, which this caller does not have; run the command without sudo, or ask for the scope.", scope: true);
                    }

                    if (usesSudo)
                    {
                        return Refuse("sudo inside sudo is not accepted; use sudo once.");
                    }

                    usesSudo = true;
                    inner = Sudo(current, environment, out error);
                    break;
                case "env":
                    inner = Env(current, environment, out error);
                    break;
                case "nice":
                    inner = Nice(current, out error);
                    break;
                case "nohup":
                    inner = Simple(current, [], out error);
                    break;
                case "timeout":
                    inner = Timeout(current, out error);
                    break;
                case "command":
                    inner = Simple(current, ["-p"], out error);
                    break;
                case "exec" or "builtin":
                    inner = Simple(current, [], out error);
                    break;
                case "busybox":
                    inner = current.Count > 1 && !current[1].StartsWith('-') ? current.Skip(1).ToList() : null;
                    error = inner is null ? "busybox needs an applet and its arguments, e.g. busybox uptime; its options list or install applets." : null;
                    break;
                default:
                    if (!Shells.Contains(program))
                    {
                        return new Unwrapped(current, null, false, usesSudo, environment, null, []);
                    }

                    if (current.Count != 3 || current[1] != "-c")
                    {
                        return Refuse($"{program} without -c SCRIPT reads commands from a terminal, standard input or a file, which the policy cannot check; send the command itself, or exactly [{program}, -c, SCRIPT].");
                    }

                    var parsed = ShellLine.Parse(current[2]);
                    if (parsed.Argv is null)
                    {
                        return new Unwrapped(null, null, false, usesSudo, environment, current[2], parsed.Features);
                    }

                    if (parsed.Argv.Count > 0 && ArgvLimits.Problem(parsed.Argv) is { } problem)
                    {
                        return Refuse($"In the script of {program} -c: {problem}");
                    }

                    inner = parsed.Argv;
                    break;
            }

            if (error is not null)
            {
                return Refuse(error);
            }

            current = inner!;
        }

        return Refuse($"The command nests more than {MaxDepth} wrappers; send the command itself.");
    }

    /// <summary>True when a NAME=VALUE an env or sudo wrapper sets cannot change which code runs (<see cref="CommandPolicy.IsHarmlessVariable"/>).</summary>
    public static bool IsHarmlessVariable(string assignment)
    {
        var eq = assignment.IndexOf('=', StringComparison.Ordinal);
        return CommandPolicy.IsHarmlessVariable(assignment[..eq], assignment[(eq + 1)..]);
    }

    private static List<string>? Sudo(IReadOnlyList<string> argv, List<string> environment, out string? error)
    {
        error = null;
        var i = 1;
        while (i < argv.Count && argv[i].StartsWith('-'))
        {
            var arg = argv[i];
            if (arg == "--")
            {
                i++;
                break;
            }

            if (arg == "-u")
            {
                if (i + 1 >= argv.Count || !SudoUser().IsMatch(argv[i + 1]))
                {
                    error = "sudo -u needs a user name or #UID, e.g. sudo -n -u postgres psql.";
                    return null;
                }

                i += 2;
                continue;
            }

            if (arg.Length < 2 || arg.Skip(1).Any(c => c is not ('n' or 'E')))
            {
                error = $"sudo option '{arg}' is not accepted; only -n, -u USER, -E and -- are, because the others open shells, edit files or change what sudo runs.";
                return null;
            }

            i++;
        }

        while (i < argv.Count && ShellLine.IsAssignment(argv[i]))
        {
            environment.Add(argv[i++]);
        }

        if (i >= argv.Count)
        {
            error = "sudo needs a command to run, e.g. sudo -n systemctl status nginx.";
            return null;
        }

        return [.. argv.Skip(i)];
    }

    private static List<string>? Env(IReadOnlyList<string> argv, List<string> environment, out string? error)
    {
        error = null;
        var i = 1;
        var options = true;
        for (; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (options && arg == "--")
            {
                options = false;
            }
            else if (options && arg is "-i" or "-" or "--ignore-environment")
            {
                continue;
            }
            else if (options && arg == "-u" && i + 1 < argv.Count)
            {
                i++;
            }
            else if (options && ((arg.StartsWith("-u", StringComparison.Ordinal) && arg.Length > 2) || arg.StartsWith("--unset=", StringComparison.Ordinal)))
            {
                continue;
            }
            else if (options && arg.StartsWith('-'))
            {
                error = $"env option '{arg}' is not accepted; only -i, -u NAME and NAME=VALUE are (-S splits a string into a new command line, -C changes directory).";
                return null;
            }
            else if (ShellLine.IsAssignment(arg))
            {
                environment.Add(arg);
            }
            else
            {
                break;
            }
        }

        if (i >= argv.Count)
        {
            error = "env without a command prints the environment, which may hold secrets; give the command to run, e.g. env LC_ALL=C df -h.";
            return null;
        }

        return [.. argv.Skip(i)];
    }

    private static List<string>? Nice(IReadOnlyList<string> argv, out string? error)
    {
        error = null;
        var i = 1;
        while (i < argv.Count && argv[i].StartsWith('-'))
        {
            var arg = argv[i];
            if (arg == "--")
            {
                i++;
                break;
            }

            if (arg is "-n" or "--adjustment" && i + 1 < argv.Count && Integer().IsMatch(argv[i + 1]))
            {
                i += 2;
            }
            else if (NiceAdjustment().IsMatch(arg))
            {
                i++;
            }
            else
            {
                error = $"nice option '{arg}' is not accepted; use nice -n N COMMAND.";
                return null;
            }
        }

        if (i >= argv.Count)
        {
            error = "nice needs a command to run, e.g. nice -n 10 du -sh /var.";
            return null;
        }

        return [.. argv.Skip(i)];
    }

    private static List<string>? Timeout(IReadOnlyList<string> argv, out string? error)
    {
        error = null;
        var i = 1;
        while (i < argv.Count && argv[i].StartsWith('-'))
        {
            var arg = argv[i];
            if (arg == "--")
            {
                i++;
                break;
            }

            if (arg is "--preserve-status" or "--foreground" or "-v" or "--verbose"
                || (arg.Length > 2 && (arg.StartsWith("-s", StringComparison.Ordinal) || arg.StartsWith("-k", StringComparison.Ordinal)))
                || arg.StartsWith("--signal=", StringComparison.Ordinal) || arg.StartsWith("--kill-after=", StringComparison.Ordinal))
            {
                i++;
            }
            else if (arg is "-s" or "-k" or "--signal" or "--kill-after" && i + 1 < argv.Count && !argv[i + 1].StartsWith('-'))
            {
                i += 2;
            }
            else
            {
                error = $"timeout option '{arg}' is not accepted; use timeout [-s SIGNAL] [-k DURATION] DURATION COMMAND.";
                return null;
            }
        }

        if (i >= argv.Count || !Duration().IsMatch(argv[i]))
        {
            error = "timeout needs a duration and a command, e.g. timeout 10 du -sh /var.";
            return null;
        }

        if (++i >= argv.Count)
        {
            error = "timeout needs a command to run after the duration.";
            return null;
        }

        return [.. argv.Skip(i)];
    }

    private static List<string>? Simple(IReadOnlyList<string> argv, string[] accepted, out string? error)
    {
        error = null;
        var i = 1;
        while (i < argv.Count && argv[i].StartsWith('-'))
        {
            if (argv[i] == "--")
            {
                i++;
                break;
            }

            if (!accepted.Contains(argv[i], StringComparer.Ordinal))
            {
                error = $"{ArgPaths.Basename(argv[0])} option '{argv[i]}' is not accepted; give the command directly after {ArgPaths.Basename(argv[0])}.";
                return null;
            }

            i++;
        }

        if (i >= argv.Count)
        {
            error = $"{ArgPaths.Basename(argv[0])} needs a command to run.";
            return null;
        }

        return [.. argv.Skip(i)];
    }

    [GeneratedRegex("^(#[0-9]+|[A-Za-z0-9_][A-Za-z0-9_.-]*)$")]
    private static partial Regex SudoUser();

    [GeneratedRegex("^[+-]?[0-9]+$")]
    private static partial Regex Integer();

    [GeneratedRegex("^(-n[+-]?[0-9]+|-[0-9]+|--[0-9]+|--adjustment=[+-]?[0-9]+)$")]
    private static partial Regex NiceAdjustment();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?[smhd]?$")]
    private static partial Regex Duration();
}
