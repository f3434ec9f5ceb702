using System.Globalization;

namespace Bastion.Core.Policy;

/// <summary>
/// The built-in read-only set: diagnostics that change nothing, read no secret and end by themselves. Each entry is an
/// allow pattern with the exceptions that keep it so; commands that read files take absolute paths only, and options
/// that would read another file, write, page, run a program or never end are refused (docs/security.md, "Read-only
/// commands: what each allowed program may do").
/// </summary>
internal static class BuiltInReadOnly
{
    public const string Origin = "the built-in read-only set";

    private const string AbsolutePaths = "absolute paths, no secret or device files";

    private static readonly OptionSpec CatOptions = new("AbeEnstTuv", longFlags: "show-all number-nonblank show-ends number squeeze-blank show-tabs show-nonprinting");
    private static readonly OptionSpec HeadTailOptions = new("qvz0123456789", "nc", "quiet silent verbose zero-terminated", "lines bytes");
    private static readonly OptionSpec WcOptions = new("clmwL", longFlags: "bytes chars lines words max-line-length", longValues: "total");
    private static readonly OptionSpec StatOptions = new("LftT", "c", "dereference file-system terse", "format printf cached");
    private static readonly OptionSpec FileOptions = new("bcikLhNnr0E", longFlags: "brief mime mime-type mime-encoding keep-going dereference no-dereference no-pad no-buffer raw print0 extension apple");
    private static readonly OptionSpec SumOptions = new("btz", longFlags: "binary text tag zero");

    private static readonly OptionSpec GrepOptions = new(
        "EFGPiywxvcLloqsbHhnTZaUIz0123456789",
        "emABCdD",
        "extended-regexp fixed-strings basic-regexp perl-regexp ignore-case no-ignore-case word-regexp line-regexp invert-match count files-with-matches files-without-match only-matching quiet silent no-messages byte-offset with-filename no-filename line-number initial-tab null null-data text line-buffered",
        "regexp max-count after-context before-context context directories devices binary-files label group-separator",
        "color colour");

    private static readonly OptionSpec SystemctlOptions = new(
        "alqr",
        "ntpPo",
        "all full quiet recursive no-pager no-legend plain failed value user system show-types reverse before after no-ask-password",
        "lines type state property output");

    private static readonly string[] SystemctlVerbs =
        ["status", "is-active", "is-enabled", "is-failed", "list-units", "list-unit-files", "list-timers", "list-sockets", "show", "cat"];

    // Not -D/--directory, --file, --root, --image (any directory or file read as a journal), -e/--pager-end (a pager),
    // -f/--follow (never ends), --cursor-file (writes), nor the vacuum, rotate, flush, sync and key options (change the journal).
    private static readonly OptionSpec JournalctlOptions = new(
        "abkmqrxN0123456789",
        "unptoSUgMFc",
        "no-pager all reverse quiet merge utc no-hostname full no-full list-boots disk-usage system user dmesg catalog fields header no-tail show-cursor",
        "unit user-unit lines priority identifier exclude-identifier output output-fields grep since until machine field cursor after-cursor facility namespace",
        "boot case-sensitive");

    // Not -H/--human (a pager), -F/--file (any file read as the kernel log), -c/-C/--clear, -D/-E/-n/--console-*
    // (change the console), -w/-W/--follow (never end), -s (buffer size).
    private static readonly OptionSpec DmesgOptions = new(
        "TkuxtrdeJPSpL",
        "lf",
        "ctime kernel userspace decode notime raw show-delta reltime json nopager syslog force-prefix",
        "level facility time-format since until",
        "color");

    private static readonly OptionSpec VmstatOptions = new("afmnsdDtwy", "pS", "active forks slabs one-header stats disk disk-sum timestamp wide", "partition unit");
    private static readonly OptionSpec IostatOptions = new("cdhkmNstxyzHTp", "jog", "human compact pretty", "dec");
    private static readonly OptionSpec MpstatOptions = new("AnTuH", "IPNo", longValues: "dec");
    private static readonly OptionSpec TopOptions = new("bcHiS1s", "nedEopuU");
    private static readonly OptionSpec UptimeOptions = new("pschrV", longFlags: "pretty since container raw version");
    private static readonly OptionSpec WhoOptions = new("abdHlmpqrstTwu", longFlags: "all boot dead heading login lookup ips message process count runlevel short time mesg writable users");

    // UNIX-style ps flags that take no value; a cluster with 'e' and anything else may be re-read as BSD options.
    private const string PsUnixFlags = "AaCcdeFfHjLlMNTwyZ";

    private static readonly System.Buffers.SearchValues<char> PsDashValues = System.Buffers.SearchValues.Create("CGgOopqstUu");
    private static readonly System.Buffers.SearchValues<char> PsBsdValues = System.Buffers.SearchValues.Create("OopqtUk");

    private static readonly string[] IpOptions =
    [
        "-4", "-6", "-0", "-s", "-stats", "-statistics", "-d", "-details", "-r", "-resolve", "-o", "-oneline", "-t", "-timestamp",
        "-ts", "-tshort", "-br", "-brief", "-j", "-json", "-p", "-pretty", "-c", "-color", "-h", "-human", "-human-readable",
        "-iec", "-N", "-Numeric", "-a", "-all", "-V", "-Version",
    ];

    private static readonly string[] IpValueOptions = ["-n", "-netns", "-f", "-family"];

    private static readonly string[] IpObjects =
    [
        "a", "addr", "address", "l", "link", "r", "ro", "route", "ru", "rule", "n", "neigh", "neighbor", "neighbour",
        "maddr", "maddress", "mroute", "ntable", "tunnel", "tuntap", "netconf", "netns", "nexthop", "vrf",
    ];

    private static readonly string[] HostnameOptions =
        ["-f", "--fqdn", "--long", "-s", "--short", "-d", "--domain", "-i", "--ip-address", "-I", "--all-ip-addresses", "-A", "--all-fqdns", "-a", "--alias"];

    /// <summary>The entries, in the order they are listed to the model.</summary>
    public static IReadOnlyList<ReadOnlyEntry> Entries { get; } =
    [
        Entry("uptime **", "options only: no file", a => NoOperands(a, UptimeOptions)),
        Entry("df **"),
        Entry("free **", "not -s/--seconds or -c/--count, which repeat", a => Forbid(a, "sc", "seconds", "count")),
        Entry("du **", "not --files0-from, -X/--exclude-from", a => Forbid(a, "X", "files0-from", "exclude-from")),
        Entry("ps **", "not the e modifier, which prints environments", Ps),
        Entry("ss **", "not -K/--kill, -D/--diag, -F/--filter or -E/--events", a => Forbid(a, "KDFE", "kill", "diag", "filter", "events")),
        Entry("netstat **", "not -c/--continuous", a => Forbid(a, "c", "continuous")),
        Entry("ip **", "show, list and route get forms only", Ip),
        Entry("lsblk **"),
        Entry("findmnt **", "not -p/--poll or -F/--tab-file", a => Forbid(a, "pFw", "poll", "tab-file", "timeout")),
        Entry("mount **", "no argument: the list of mounts", a => a.Count == 1 ? null : "mount with arguments mounts or changes a file system; only mount alone lists mounts"),
        Entry("lscpu **", "not -s/--sysroot", a => Forbid(a, "s", "sysroot")),
        Entry("lsmod **", "no argument", a => a.Count == 1 ? null : "lsmod takes no argument"),
        Entry("lspci **", "not -F/-i/-p (files), -O/-A/-H/-M (access methods, bus scans), -x (config-space dumps), -q/-Q (network)", a => Forbid(a, "FipOAHMxqQ")),
        Entry("lsusb **", "not -D (a device file)", a => Forbid(a, "D")),
        Entry("uname **"),
        Entry("hostname **", "no argument, or only -f, -s, -d, -i, -I, -A", Hostname),
        Entry("whoami **", "no argument", a => a.Count == 1 ? null : "whoami takes no argument"),
        Entry("id **"),
        Entry("w **"),
        Entry("who **", "options, or am i; no file", Who),
        Entry("last **", "not -f/--file", a => Forbid(a, "f", "file")),
        Entry("date **", "no argument, +FORMAT, -u, -R or -I", Date),
        Entry("timedatectl"),
        Entry("timedatectl status"),
        Entry("timedatectl show"),
        Entry("hostnamectl"),
        Entry("hostnamectl status"),
        Entry("systemctl **", "status, is-active, is-enabled, is-failed, list-units, list-unit-files, list-timers, list-sockets, show, cat", Systemctl),
        Entry("journalctl **", "reading only: not -f/--follow, -D/--directory, --file, --root, --image, -e/--pager-end, --vacuum-*, --rotate, --flush, --sync, --relinquish-var, --setup-keys, --update-catalog, --cursor-file", Journalctl),
        Entry("cat **", AbsolutePaths, a => Reader(a, CatOptions)),
        Entry("head **", AbsolutePaths, a => Reader(a, HeadTailOptions)),
        Entry("tail **", "not -f/-F/--follow/--retry; " + AbsolutePaths, a => Reader(a, HeadTailOptions)),
        Entry("wc **", AbsolutePaths, a => Reader(a, WcOptions)),
        Entry("stat **", AbsolutePaths, a => Reader(a, StatOptions)),
        Entry("file **", AbsolutePaths, a => Reader(a, FileOptions)),
        Entry("md5sum **", "not -c; " + AbsolutePaths, a => Reader(a, SumOptions)),
        Entry("sha1sum **", "not -c; " + AbsolutePaths, a => Reader(a, SumOptions)),
        Entry("sha256sum **", "not -c; " + AbsolutePaths, a => Reader(a, SumOptions)),
        Entry("sha512sum **", "not -c; " + AbsolutePaths, a => Reader(a, SumOptions)),
        Entry("grep **", "not -r/-R/--recursive or -f; " + AbsolutePaths, Grep),
        Entry("egrep **", "not -r/-R/--recursive or -f; " + AbsolutePaths, Grep),
        Entry("fgrep **", "not -r/-R/--recursive or -f; " + AbsolutePaths, Grep),
        Entry("ls **"),
        Entry("dmesg **", "reading only: not -c/-C/-D/-E/-n/-w/-W/-F/-H/-s, --clear, --console-*, --follow, --file, --human", a => Options(a, DmesgOptions)),
        Entry("vmstat **", "no interval, or an interval and a count", a => Sampler(a, VmstatOptions, devices: false)),
        Entry("iostat **", "no interval, or an interval and a count", a => Sampler(a, IostatOptions, devices: true)),
        Entry("mpstat **", "no interval, or an interval and a count", a => Sampler(a, MpstatOptions, devices: false)),
        Entry("top **", "batch mode with a count only: top -b -n N", Top),
        Entry("nginx -t"),
        Entry("nginx -v"),
        Entry("nginx -V"),
        Entry("docker ps **"),
        Entry("docker images **"),
        Entry("docker version"),
    ];

    private static ReadOnlyEntry Entry(string pattern, string? note = null, Func<IReadOnlyList<string>, string?>? check = null) =>
        new(CommandPattern.Parse(pattern), Origin, note, check);

    private static string? Forbid(IReadOnlyList<string> argv, string letters, params string[] longNames) =>
        OptionScan.Forbidden(argv, letters, longNames) is { } bad ? $"{argv[0]} {bad} is outside the read-only set" : null;

    private static string? Options(IReadOnlyList<string> argv, OptionSpec spec) =>
        spec.Parse(argv, out var error) is null ? $"{argv[0]}: {error}" : null;

    private static string? NoOperands(IReadOnlyList<string> argv, OptionSpec spec)
    {
        var parsed = spec.Parse(argv, out var error);
        return parsed is null ? $"{argv[0]}: {error}"
            : parsed.Operands.Count > 0 ? $"{argv[0]} {parsed.Operands[0]}: {argv[0]} takes no operand in the read-only set (a file operand is read as a login record)"
            : null;
    }

    private static string? Who(IReadOnlyList<string> argv)
    {
        var parsed = WhoOptions.Parse(argv, out var error);
        if (parsed is null)
        {
            return $"who: {error}";
        }

        return parsed.Operands.Count == 0 || (parsed.Operands.Count == 2 && parsed.Operands[0] == "am" && parsed.Operands[1] is "i" or "I")
            ? null
            : "who takes options or 'am i' in the read-only set; a file operand is read as a login record and printed";
    }

    private static string? Reader(IReadOnlyList<string> argv, OptionSpec spec, bool patternFirst = false)
    {
        var parsed = spec.Parse(argv, out var error);
        if (parsed is null)
        {
            return $"{argv[0]}: {error}";
        }

        var files = patternFirst && !parsed.Has("e", "regexp") ? parsed.Operands.Skip(1).ToList() : parsed.Operands;
        if (files.Count == 0)
        {
            return $"{argv[0]} without a file reads standard input; give at least one absolute file path";
        }

        foreach (var file in files)
        {
            if (file.Length == 0 || file[0] != '/')
            {
                return $"{argv[0]} reads '{file}', which is not an absolute path; the read-only set reads absolute paths only, so give '{file}' with its directory";
            }

            if (ArgPaths.HasDotDot(file))
            {
                return $"'{file}' has a '..' component, which a symbolic link can send anywhere; give the path without it";
            }

            if (SecretPaths.EndlessIn(file) is { } endless)
            {
                return $"'{file}' is a device or a file that never ends ({endless})";
            }
        }

        return null;
    }

    private static string? Grep(IReadOnlyList<string> argv)
    {
        var parsed = GrepOptions.Parse(argv, out var error);
        if (parsed is null)
        {
            return $"{argv[0]}: {error} (recursive search and pattern files are not read-only)";
        }

        foreach (var option in parsed.Options.Where(o => o.Name is "d" or "directories" or "D" or "devices"))
        {
            if (option.Value is not ("read" or "skip"))
            {
                return $"{argv[0]} {(option.Name.Length == 1 ? "-" : "--")}{option.Name} {option.Value} is outside the read-only set; only read and skip are";
            }
        }

        return Reader(argv, GrepOptions, patternFirst: true);
    }

    private static string? Ps(IReadOnlyList<string> argv)
    {
        string[] longValues = ["format", "sort", "pid", "ppid", "user", "User", "group", "Group", "tty", "cols", "columns", "rows", "lines", "width", "sid", "quick-pid"];
        for (var i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (!arg.Contains('=', StringComparison.Ordinal) && longValues.Contains(arg[2..], StringComparer.Ordinal))
                {
                    i++;
                }
            }
            else if (arg.StartsWith('-'))
            {
                var k = arg.AsSpan(1).IndexOfAny(PsDashValues);
                if (arg.Contains('e', StringComparison.Ordinal) && !PsUnixCluster(arg, k))
                {
                    return $"ps {arg} may be read as BSD options with the e modifier, which prints the environment of processes; write UNIX options separately (ps -e -o pid,args)";
                }

                if (k >= 0 && k + 2 == arg.Length)
                {
                    i++;
                }
            }
            else if (arg.Length > 0 && arg.All(char.IsAsciiLetter))
            {
                var k = arg.AsSpan().IndexOfAny(PsBsdValues);
                var flags = k < 0 ? arg : arg[..k];
                if (flags.Contains('e', StringComparison.Ordinal))
                {
                    return $"ps {arg} prints the environment of processes (the e modifier), which may hold secrets";
                }

                if (k >= 0 && k + 1 == arg.Length)
                {
                    i++;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// True when a dash cluster holding 'e' parses as UNIX options: only value-less UNIX flags before the first option
    /// that takes a value (<paramref name="k"/> in the cluster after '-', or -1), and an attached value only to -o/-O.
    /// ps re-reads a cluster it cannot parse (-auxe, -exx) as BSD options, where e prints environments.
    /// </summary>
    private static bool PsUnixCluster(string arg, int k)
    {
        var flags = k < 0 ? arg[1..] : arg[1..(k + 1)];
        if (flags.Any(c => !PsUnixFlags.Contains(c, StringComparison.Ordinal)))
        {
            return false;
        }

        return k < 0 || k + 2 == arg.Length || arg[k + 1] is 'o' or 'O';
    }

    private static string? Ip(IReadOnlyList<string> argv)
    {
        var i = 1;
        for (; i < argv.Count && argv[i].StartsWith('-'); i++)
        {
            // ip reads --brief as -brief.
            var option = argv[i].StartsWith("--", StringComparison.Ordinal) ? argv[i][1..] : argv[i];
            if (IpValueOptions.Contains(option, StringComparer.Ordinal) && i + 1 < argv.Count)
            {
                i++;
            }
            else if (!IpOptions.Contains(option, StringComparer.Ordinal))
            {
                return $"ip {argv[i]} is outside the read-only set (-batch and -force run other commands; write options in full, e.g. -brief)";
            }
        }

        if (i >= argv.Count)
        {
            return "ip needs an object, e.g. ip -brief address";
        }

        var obj = argv[i];
        if (!IpObjects.Contains(obj, StringComparer.Ordinal))
        {
            return $"ip {obj} is outside the read-only set; read-only objects are address, link, route, rule, neigh, maddress, mroute, ntable, tunnel, tuntap, netconf, netns, nexthop and vrf";
        }

        if (i + 1 >= argv.Count)
        {
            return null;
        }

        var verb = argv[i + 1];
        string[] verbs = obj switch
        {
            "netns" => ["list"],
            "r" or "ro" or "route" => ["show", "list", "lst", "get"],
            _ => ["show", "list", "lst"],
        };
        return verbs.Contains(verb, StringComparer.Ordinal)
            ? null
            : $"ip {obj} {verb} is not a show or list form; read-only forms are ip {obj} {string.Join('|', verbs)} (write the word in full)";
    }

    private static string? Hostname(IReadOnlyList<string> argv) =>
        argv.Skip(1).FirstOrDefault(a => !HostnameOptions.Contains(a, StringComparer.Ordinal)) is { } bad
            ? $"hostname {bad} would set the host name or is not a read-only option; only hostname, -f, -s, -d, -i, -I and -A are read-only"
            : null;

    private static string? Date(IReadOnlyList<string> argv)
    {
        var formats = 0;
        foreach (var arg in argv.Skip(1))
        {
            if (arg.StartsWith('+'))
            {
                formats++;
                continue;
            }

            var fine = arg is "-u" or "--utc" or "--universal" or "-R" or "--rfc-email" or "-I" or "-Idate" or "-Ihours" or "-Iminutes" or "-Iseconds" or "-Ins"
                || arg.StartsWith("--iso-8601", StringComparison.Ordinal) || arg.StartsWith("--rfc-3339=", StringComparison.Ordinal);
            if (!fine)
            {
                return $"date {arg} may set the clock or read a file; read-only forms are date, date +FORMAT, date -u, date -R and date -I";
            }
        }

        return formats > 1 ? "date takes one +FORMAT" : null;
    }

    private static string? Systemctl(IReadOnlyList<string> argv)
    {
        var parsed = SystemctlOptions.Parse(argv, out var error);
        if (parsed is null)
        {
            return $"systemctl: {error}";
        }

        var verb = parsed.Operands.Count > 0 ? parsed.Operands[0] : null;
        return verb is null || SystemctlVerbs.Contains(verb, StringComparer.Ordinal)
            ? null
            : $"systemctl {verb} is not a read-only verb; read-only verbs are {string.Join(", ", SystemctlVerbs)}";
    }

    private static string? Journalctl(IReadOnlyList<string> argv) =>
        JournalctlOptions.Parse(argv, out var error) is null
            ? $"journalctl: {error} (following, vacuuming, rotating, flushing and key or catalog changes are not read-only)"
            : null;

    private static string? Sampler(IReadOnlyList<string> argv, OptionSpec spec, bool devices)
    {
        var parsed = spec.Parse(argv, out var error);
        if (parsed is null)
        {
            return $"{argv[0]}: {error}";
        }

        var numbers = new List<long>();
        foreach (var operand in parsed.Operands)
        {
            if (long.TryParse(operand, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                numbers.Add(number);
            }
            else if (!devices || numbers.Count > 0)
            {
                return $"{argv[0]} {operand} is not an interval or a count";
            }
        }

        return numbers.Count switch
        {
            0 => null,
            1 => $"{argv[0]} {numbers[0]} repeats until stopped; add a count, e.g. {argv[0]} {numbers[0]} 5",
            2 when numbers[0] >= 1 && numbers[1] >= 1 && numbers[0] * numbers[1] <= 300 => null,
            2 => $"{argv[0]} {numbers[0]} {numbers[1]} runs longer than 300 seconds or has a zero interval or count",
            _ => $"{argv[0]} takes an interval and a count, no more",
        };
    }

    private static string? Top(IReadOnlyList<string> argv)
    {
        var parsed = TopOptions.Parse(argv, out var error);
        if (parsed is null)
        {
            return $"top: {error}";
        }

        if (parsed.Operands.Count > 0 || !parsed.Has("b") || !int.TryParse(parsed.Value("n"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count < 1)
        {
            return "top is interactive and runs until stopped; use top -b -n 1";
        }

        var delay = 3.0;
        if (parsed.Value("d") is { } d && (!double.TryParse(d, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out delay) || delay <= 0))
        {
            return $"top -d {d} is not a delay in seconds";
        }

        return count * delay <= 300 ? null : $"top -n {count} runs longer than 300 seconds";
    }
}
