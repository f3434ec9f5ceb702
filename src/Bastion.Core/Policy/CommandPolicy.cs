namespace Bastion.Core.Policy;

/// <summary>
/// The command policy of the commands tool: the built-in read-only set and denies, plus an optional YAML file of
/// read-only additions, denies and per-group rules. Pure: it judges a command and never runs anything.
/// </summary>
/// <remarks>
/// Order for the command a line or argv runs once its wrappers are taken off: any deny (built-in, the file's, or a
/// rule's for the host's groups) refuses it in every mode; else the read-only set runs it in every mode; else
/// read-only mode refuses, operator mode needs a rule's allow (and a person's confirmation), admin mode needs a person's
/// confirmation. Shell syntax runs only through a rule with <c>shell: true</c>, outside read-only mode.
/// </remarks>
public sealed class CommandPolicy
{
    private const string SeeDocs = "see docs/security.md";

    private readonly IReadOnlyList<ReadOnlyEntry> _readOnly;
    private readonly IReadOnlyList<PolicyPattern> _deny;
    private readonly IReadOnlyList<PolicyRule> _rules;

    private CommandPolicy(PolicyDocument document)
    {
        _readOnly = [.. BuiltInReadOnly.Entries, .. document.ReadOnly];
        _deny = [.. BuiltInDenies.Patterns, .. document.Deny];
        _rules = document.Rules;
        ReadOnlyCommands = [.. _readOnly.Select(e => e.Describe)];
    }

    /// <summary>The built-in read-only set and the built-in denies, with no rules.</summary>
    public static CommandPolicy BuiltIn { get; } = new(PolicyDocument.Empty);

    /// <summary>The read-only set: each entry's pattern, with its exceptions in parentheses where it has some.</summary>
    public IReadOnlyList<string> ReadOnlyCommands { get; }

    /// <summary>The built-in policy plus the policy file at <paramref name="path"/>; <see cref="BuiltIn"/> when there is no file.</summary>
    /// <exception cref="BastionException">The file cannot be read or is not a valid policy (the message names the file and line).</exception>
    public static CommandPolicy Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            return BuiltIn;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"{path}: the command policy cannot be read ({e.Message}).", e);
        }

        return Parse(text, path);
    }

    /// <summary>The built-in policy plus the policy in <paramref name="yaml"/>; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="BastionException">The text is not a valid policy (the message names the source and line).</exception>
    public static CommandPolicy Parse(string yaml, string source) => new(PolicyFile.Read(yaml, source));

    /// <summary>Judges one command.</summary>
    public CommandDecision Evaluate(CommandCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        var groups = check.HostGroups ?? [];
        if (check.Line is not null && check.Argv is not null)
        {
            return Refused("Give either a line or an argv, not both.");
        }

        if (PathResolver.For(check.WorkingDirectory, out var cwdProblem) is not { } paths)
        {
            return Refused(cwdProblem!);
        }

        var where = Where(check.WorkingDirectory, paths);

        IReadOnlyList<string> argv;
        if (check.Line is { } line)
        {
            if (line.Length > ShellLine.MaxLength)
            {
                return Refused($"The line is {line.Length} characters long; the limit is {ShellLine.MaxLength}.");
            }

            var parsed = ShellLine.Parse(line);
            if (parsed.Argv is null)
            {
                return ShellSyntax("The line", line, parsed.Features, check, groups, paths, ["/bin/sh", "-c", line]);
            }

            argv = parsed.Argv;
        }
        else if (check.Argv is { } given)
        {
            argv = [.. given];
        }
        else
        {
            return Refused("Give a line (one command line) or an argv (program and arguments); neither was given.");
        }

        if (ArgvLimits.Problem(argv) is { } problem)
        {
            return Refused(problem);
        }

        var unwrapped = Wrappers.Unwrap(argv, check.MaySudo);
        if (unwrapped.Refusal is { } refusal)
        {
            return Refused(refusal);
        }

        if (unwrapped.Script is { } script)
        {
            return ShellSyntax($"The script of {ArgPaths.Basename(argv[0])} -c", script, unwrapped.ScriptFeatures, check, groups, paths, argv);
        }

        var inner = unwrapped.Inner!;
        var program = ArgPaths.Basename(inner[0]);
        if (ProgramKinds.IsCodeBuiltin(program))
        {
            return Refused($"'{program}' runs its arguments as shell code, which the policy cannot check; send the command itself.");
        }

        if (new DenyScanner(this, groups, check.MaySudo, paths).Scan(inner) is { } denied)
        {
            return Refused(denied);
        }

        var display = Display(argv);
        var unsafeVariables = unwrapped.Environment.Where(v => !Wrappers.IsHarmlessVariable(v)).Select(v => v[..v.IndexOf('=', StringComparison.Ordinal)]).ToList();
        var notReadOnly = unsafeVariables.Count > 0
            ? $"it sets {string.Join(", ", unsafeVariables)}, which can change what the program runs ({HarmlessVariables})"
            : ProgramKinds.NeverReadOnly([program, .. inner.Skip(1)]);
        if (notReadOnly is null)
        {
            var (entry, why) = MatchReadOnly(inner, paths);
            if (entry is not null)
            {
                return new CommandDecision(CommandVerdict.ReadOnly, $"'{display}' is read-only: it matches '{entry.Pattern.Text}' in {entry.Origin}.", argv);
            }

            notReadOnly = why;
        }

        switch (check.Mode)
        {
            case Mode.ReadOnly:
                return Refused(notReadOnly is null
                    ? $"'{display}' is not in the read-only set{(ArgPaths.IsTrustedProgram(inner[0]) ? string.Empty : " (a program outside /bin, /sbin, /usr/bin, /usr/sbin and /usr/local never counts as one of its commands)")}, which holds diagnostics such as uptime, df -h, free -m, ps aux, systemctl status UNIT and journalctl -u UNIT -n 100. Other commands need operator mode and a rule that allows them ({SeeDocs})."
                    : $"'{display}' is not read-only: {notReadOnly}. Other commands need operator mode and a rule that allows them ({SeeDocs}).");
            case Mode.Operator:
                if (unsafeVariables.Count == 0 && AllowMatch(inner, groups, paths) is { } allow)
                {
                    return new CommandDecision(CommandVerdict.NeedsConfirmation, $"'{display}' {where} is allowed by '{allow.Pattern.Text}' ({allow.Origin}); it runs once a person confirms it.", argv);
                }

                return Refused(unsafeVariables.Count > 0
                    ? $"'{display}' sets {string.Join(", ", unsafeVariables)}, which rules never cover; in operator mode run the command without them ({SeeDocs})."
                    : $"No rule allows '{display}' on a host in {GroupsText(groups)}; operator mode runs the read-only set and what a rule's allow list for the host's groups matches ({SeeDocs}).");
            case Mode.Admin:
                return new CommandDecision(
                    CommandVerdict.NeedsConfirmation,
                    $"Admin mode: '{display}' {where} is outside the read-only set{(notReadOnly is null ? string.Empty : $" ({notReadOnly})")}; it runs once a person confirms it.",
                    argv);
            default:
                return Refused($"Mode {check.Mode} is not one of ReadOnly, Operator or Admin.");
        }
    }

    /// <summary>The rule for variables a command may set and still be judged as itself, in words.</summary>
    public const string HarmlessVariables = "only LANG, LANGUAGE, LC_ALL and other LC_ names in capitals, TZ, COLUMNS, LINES and NO_COLOR, with no '/' in the value, are harmless";

    /// <summary>
    /// True when setting <paramref name="name"/> to <paramref name="value"/> cannot change which code a program runs or
    /// which files it reads: locale (LANG, LANGUAGE, LC_[A-Z]+), time zone, terminal size and colour, with no '/' in
    /// the value. The one rule for env of commands_run and for env/sudo NAME=VALUE inside a command.
    /// </summary>
    public static bool IsHarmlessVariable(string name, string? value)
    {
        ArgumentNullException.ThrowIfNull(name);
        return value?.Contains('/', StringComparison.Ordinal) != true
            && (name is "LANG" or "LANGUAGE" or "TZ" or "COLUMNS" or "LINES" or "NO_COLOR"
                || (name.Length > 3 && name.StartsWith("LC_", StringComparison.Ordinal) && name.Skip(3).All(char.IsAsciiLetterUpper)));
    }

    /// <summary>Why a deny refuses <paramref name="inner"/> run in <paramref name="paths"/> on a host in <paramref name="hostGroups"/>, or null.</summary>
    internal string? DenyMatch(IReadOnlyList<string> inner, IReadOnlyList<string> hostGroups, PathResolver paths)
    {
        var forms = DenyForms(inner, paths, exactOnly: false);
        foreach (var deny in _deny.Concat(_rules.Where(r => r.AppliesTo(hostGroups)).SelectMany(r => r.Deny)))
        {
            if (deny.Pattern.Matches(forms))
            {
                var unknown = deny.Pattern.Matches(DenyForms(inner, paths, exactOnly: true))
                    ? string.Empty
                    : $" A path in it leads where Bastion cannot know (a relative path without cwd or after a cd, ~, a $VARIABLE, /proc/*/cwd or /proc/*/fd), so it is judged as if that place were / or a device under /dev; give cwd and the path itself.";
                return $"'{Display(inner)}' is denied by {deny.Origin} ('{deny.Pattern.Text}'), judged on its paths resolved against the working directory; a deny wins over the read-only set, every allow and every mode.{unknown}";
            }
        }

        return null;
    }

    private (ReadOnlyEntry? Entry, string? Why) MatchReadOnly(IReadOnlyList<string> inner, PathResolver paths)
    {
        string? firstWhy = null;
        var forms = Forms(inner);
        var resolved = AllowForms(inner, paths);
        foreach (var entry in _readOnly)
        {
            foreach (var form in forms)
            {
                // Also as an allow sees it, so that readonly: [cat /srv/app/*] never reads /srv/app/../../etc/hosts.
                if (!entry.Pattern.Matches(form) || !entry.Pattern.Matches(resolved))
                {
                    continue;
                }

                var why = entry.Exception(form) ?? Secret(inner, paths);
                if (why is null)
                {
                    return (entry, null);
                }

                firstWhy ??= why;
            }
        }

        return (null, firstWhy);
    }

    private PolicyPattern? AllowMatch(IReadOnlyList<string> inner, IReadOnlyList<string> hostGroups, PathResolver paths)
    {
        var forms = AllowForms(inner, paths);
        return _rules.Where(r => r.AppliesTo(hostGroups)).SelectMany(r => r.Allow).FirstOrDefault(a => a.Pattern.Matches(forms));
    }

    private CommandDecision ShellSyntax(string what, string line, IReadOnlyList<string> features, CommandCheck check, IReadOnlyList<string> groups, PathResolver paths, IReadOnlyList<string> effective)
    {
        if (new DenyScanner(this, groups, check.MaySudo, paths).ScanLine(line) is { } denied)
        {
            return Refused(denied);
        }

        var names = string.Join(", ", features);
        if (check.Mode is Mode.Operator or Mode.Admin && _rules.FirstOrDefault(r => r.Shell && r.AppliesTo(groups)) is { } rule)
        {
            return new CommandDecision(CommandVerdict.NeedsConfirmation, $"{what} uses shell syntax ({names}), which {rule.Origin} allows on this host; it runs through the shell {Where(check.WorkingDirectory, paths)} once a person confirms it.", effective);
        }

        var accepted = "Send one simple command (words, 'single' or \"double\" quotes, backslash escapes) or an argv";
        return Refused(check.Mode == Mode.ReadOnly
            ? $"{what} uses shell syntax: {names}. {accepted}; read-only mode never runs shell syntax."
            : $"{what} uses shell syntax: {names}. {accepted}; shell syntax needs a rule with shell: true for a host in {GroupsText(groups)} ({SeeDocs}).");
    }

    /// <summary>
    /// The argv as a deny sees it: each argument as written, in both normal forms of <see cref="Forms"/>, and as every
    /// target <paramref name="paths"/> gives for it (with <paramref name="exactOnly"/>, only the exact ones); the
    /// program also as its basename.
    /// </summary>
    private static List<IReadOnlyList<string>> DenyForms(IReadOnlyList<string> argv, PathResolver paths, bool exactOnly)
    {
        var forms = new List<IReadOnlyList<string>>
        {
            new[] { argv[0], ArgPaths.Normalize(argv[0]), ArgPaths.Normalize(argv[0], resolveDotDot: false), ArgPaths.Basename(argv[0]) }.Distinct().ToList(),
        };
        foreach (var arg in argv.Skip(1))
        {
            var alternatives = new List<string> { arg, ArgPaths.NormalizeArgument(arg), ArgPaths.NormalizeArgument(arg, resolveDotDot: false) };
            alternatives.AddRange(paths.Targets(arg).Where(t => !exactOnly || t.Exact).Select(t => t.Path));
            forms.Add(alternatives.Distinct().ToList());
        }

        return forms;
    }

    /// <summary>
    /// The argv as an allow sees it: the program normalised (and as its basename when it is trusted), each argument in
    /// its collapsed form and as its exact target in the working directory. An argument with '..' is seen only as its
    /// exact target, so that /srv/app/../../etc never passes for /srv/app/*.
    /// </summary>
    private static List<IReadOnlyList<string>> AllowForms(IReadOnlyList<string> argv, PathResolver paths)
    {
        var program = new List<string> { ArgPaths.Normalize(argv[0], resolveDotDot: false) };
        if (ArgPaths.IsTrustedProgram(argv[0]))
        {
            program.Add(ArgPaths.Basename(argv[0]));
        }

        var forms = new List<IReadOnlyList<string>> { program };
        foreach (var arg in argv.Skip(1))
        {
            var exact = paths.Targets(arg).Where(t => t.Exact).Select(t => t.Path);
            forms.Add(ArgPaths.HasDotDot(ArgPaths.Split(arg).Value)
                ? exact.ToList()
                : exact.Prepend(ArgPaths.NormalizeArgument(arg, resolveDotDot: false)).Distinct().ToList());
        }

        return forms;
    }

    /// <summary>
    /// The argv as the read-only set sees it: path arguments in their collapsed form ('..' kept, since a symbolic link may
    /// send it elsewhere), and the program also as its basename when it is on PATH or in a system directory (./uptime is
    /// not uptime).
    /// </summary>
    private static List<string[]> Forms(IReadOnlyList<string> argv)
    {
        var form = argv.Select((a, i) => i == 0 ? ArgPaths.Normalize(a, resolveDotDot: false) : ArgPaths.NormalizeArgument(a, resolveDotDot: false)).ToArray();
        var basename = ArgPaths.Basename(argv[0]);
        return ArgPaths.IsTrustedProgram(argv[0]) && form[0] != basename ? [form, [basename, .. form.Skip(1)]] : [form];
    }

    /// <summary>The first argument that is, or resolves to, a secret file (as written, and every target in the working directory).</summary>
    private static string? Secret(IReadOnlyList<string> argv, PathResolver paths)
    {
        foreach (var arg in argv.Skip(1))
        {
            foreach (var form in paths.Targets(arg).Select(t => t.Path).Prepend(arg))
            {
                if (SecretPaths.SecretIn(form) is { } pattern)
                {
                    return $"'{arg}'{(form == arg ? string.Empty : $" (that is {form})")} is a secret file ({pattern}), which the read-only set never reads";
                }
            }
        }

        return null;
    }

    /// <summary>Where a command runs, for reasons a person reads before confirming: "in /srv/app", or the home directory.</summary>
    private static string Where(string? given, PathResolver paths) =>
        given is null ? "in the user's home directory (no cwd given)"
        : paths.WorkingDirectory is { } resolved && resolved != given ? $"in {given} (that is {resolved})"
        : paths.WorkingDirectory is null ? $"in {given} (a directory Bastion cannot resolve)"
        : $"in {given}";

    private static string GroupsText(IReadOnlyList<string> groups) => groups.Count == 0 ? "no groups" : "groups " + string.Join(", ", groups);

    private static string Display(IReadOnlyList<string> argv)
    {
        var text = string.Join(' ', argv.Select(a => a.Length == 0 || a.Contains(' ', StringComparison.Ordinal) ? $"\"{a}\"" : a));
        return text.Length <= 160 ? text : text[..157] + "...";
    }

    private static CommandDecision Refused(string reason) => new(CommandVerdict.Refused, reason, null);
}
