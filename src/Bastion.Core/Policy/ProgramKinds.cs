namespace Bastion.Core.Policy;

/// <summary>Programs that run other code: never read-only, and their arguments are searched for denied commands.</summary>
internal static class ProgramKinds
{
    /// <summary>Command runners: they run a command given in their arguments.</summary>
    private static readonly HashSet<string> Runners = new(StringComparer.Ordinal)
    {
        "xargs", "watch", "parallel", "nsenter", "chroot", "su", "doas", "pkexec", "run0", "sudo", "sudo.ws", "sudo-rs", "sudoedit", "script",
        "ssh", "at", "batch", "crontab", "time", "stdbuf", "setsid", "ionice", "chrt", "taskset", "flock", "strace", "ltrace",
        "unshare", "runuser", "setpriv", "systemd-run", "sg", "valgrind", "gdb", "catchsegv", "dbus-run-session", "firejail",
        "bwrap", "faketime", "proxychains", "proxychains4", "torsocks", "expect", "tmux", "screen", "socat", "nc", "ncat",
        "rsync", "scp", "sshpass", "systemd-nspawn", "machinectl", "capsh", "chpst", "setuidgid", "start-stop-daemon",
        "daemonize", "cgexec", "numactl", "prlimit", "eatmydata", "fakeroot", "env", "nice", "nohup", "timeout", "busybox",
    };

    /// <summary>Shells the policy does not read (not POSIX sh syntax) and interpreters.</summary>
    private static readonly HashSet<string> Interpreters = new(StringComparer.Ordinal)
    {
        "csh", "tcsh", "fish", "nu", "xonsh", "elvish", "rc", "es", "deno", "bun", "pwsh", "powershell", "Rscript", "R",
        "julia", "irb", "jshell", "groovy", "scala", "osascript", "wish", "guile", "sbcl", "clisp", "ghci", "runghc", "erl",
        "escript", "elixir", "iex", "dotnet", "java", "jjs", "gnuplot", "sqlite3", "mysql", "psql", "vim", "vi", "nvim", "ex",
        "ed", "emacs", "less", "more", "man", "nano",
    };

    private static readonly string[] InterpreterPrefixes = ["python", "perl", "ruby", "php", "lua", "tclsh", "node"];

    /// <summary>Programs that hold other commands in their arguments, for the deny search.</summary>
    private static readonly HashSet<string> Carriers = new(StringComparer.Ordinal) { "ip", "docker", "podman", "nerdctl", "kubectl", "crictl", "lxc", "incus" };

    /// <summary>True when <paramref name="program"/> (a basename) runs code or commands from its arguments.</summary>
    public static bool RunsCode(string program) =>
        Runners.Contains(program) || Interpreters.Contains(program) || Wrappers.Shells.Contains(program) || IsAwk(program)
        || InterpreterPrefixes.Any(p => program.StartsWith(p, StringComparison.Ordinal));

    /// <summary>True when the arguments of <paramref name="program"/> may hold a command worth searching for denies.</summary>
    public static bool CarriesCommands(string program) => RunsCode(program) || Carriers.Contains(program);

    /// <summary>Why <paramref name="argv"/> (program as basename) can never be read-only, or null.</summary>
    public static string? NeverReadOnly(IReadOnlyList<string> argv)
    {
        var program = argv[0];
        if (IsAwk(program))
        {
            return AwkRunsCommands(argv) ? $"{program} with system(), pipes, redirections, getline or program files runs other commands" : null;
        }

        if (program == "find")
        {
            return argv.Any(a => a is "-delete" or "-fprint" or "-fprint0" or "-fprintf" or "-fls" or "-exec" or "-execdir" or "-ok" or "-okdir")
                ? "find with -delete, -fprint*, -fls or -exec* changes files or runs commands"
                : null;
        }

        return RunsCode(program) ? $"{program} runs other programs or code, which the policy cannot see" : null;
    }

    /// <summary>The shell builtins that run their arguments as shell code.</summary>
    public static bool IsCodeBuiltin(string program) => program is "eval" or "source" or "." or "trap" or "alias";

    private static bool IsAwk(string program) => program is "awk" or "gawk" or "mawk" or "nawk" or "original-awk";

    private static bool AwkRunsCommands(IReadOnlyList<string> argv)
    {
        for (var i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg is "-F" or "-v")
            {
                i++;
                continue;
            }

            if (arg.StartsWith("-F", StringComparison.Ordinal) || arg.StartsWith("-v", StringComparison.Ordinal) || arg == "--")
            {
                continue;
            }

            if (arg.StartsWith('-'))
            {
                return true;
            }

            if (arg.Contains("system", StringComparison.Ordinal) || arg.Contains('|', StringComparison.Ordinal)
                || arg.Contains('>', StringComparison.Ordinal) || arg.Contains("getline", StringComparison.Ordinal)
                || arg.Contains('@', StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
