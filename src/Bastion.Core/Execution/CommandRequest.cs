namespace Bastion.Core.Execution;

/// <summary>
/// One command to run on a host: an argv (never a shell line that Bastion assembles by string
/// concatenation), with a timeout, optional standard input and extra environment variables.
/// </summary>
/// <param name="Argv">Program and arguments; <c>Argv[0]</c> is looked up on the host's PATH.</param>
public sealed record CommandRequest(IReadOnlyList<string> Argv)
{
    /// <summary>Default timeout of a command (30 s).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default cap on captured stdout and on captured stderr (16 MiB each).</summary>
    public const int DefaultMaxOutputBytes = 16 * 1024 * 1024;

    /// <summary>Wall-clock limit; when it passes the process tree is killed and the result says so.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Text written to the command's standard input, which is then closed. Null: empty input.</summary>
    public string? Stdin { get; init; }

    /// <summary>A stream copied to the command's standard input (for uploads); takes precedence over <see cref="Stdin"/>.</summary>
    public Stream? StdinStream { get; init; }

    /// <summary>Where standard output goes instead of being captured (for downloads); the result's stdout is then empty.</summary>
    public Stream? StdoutSink { get; init; }

    /// <summary>Variables added to the command's environment.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Bytes kept of stdout, and separately of stderr; the rest is read and dropped.</summary>
    public int MaxOutputBytes { get; init; } = DefaultMaxOutputBytes;

    /// <summary>
    /// A POSIX <c>sh</c> script; <paramref name="args"/> reach it as <c>$1</c>, <c>$2</c>, … and are never
    /// spliced into the script text, so they need no quoting.
    /// </summary>
    public static CommandRequest Shell(string script, params IEnumerable<string> args) =>
        new(["/bin/sh", "-c", script, "sh", .. args]);

    /// <summary>A shell script that reads host facts: C locale, so numbers and dates parse the same everywhere.</summary>
    public static CommandRequest Facts(string script, params IEnumerable<string> args) =>
        Shell(script, args) with { Environment = CLocale };

    private static readonly Dictionary<string, string> CLocale = new() { ["LC_ALL"] = "C", ["LANG"] = "C" };
}
