namespace Bastion.Core.Policy;

/// <summary>
/// The options a read-only command is run with, as a whitelist: anything else (including abbreviated long options, which
/// getopt would accept) is refused, so an option nobody thought of cannot slip through. Parses like getopt: short
/// options cluster (-tlnp), a short option's value may be attached (-n5) or the next argument, a long option's value
/// follows '=' or is the next argument, and '--' ends the options.
/// </summary>
internal sealed class OptionSpec
{
    private readonly string _flags;
    private readonly string _valueFlags;
    private readonly HashSet<string> _longFlags;
    private readonly HashSet<string> _longValues;
    private readonly HashSet<string> _longOptional;

    /// <param name="flags">Short options without a value.</param>
    /// <param name="valueFlags">Short options that take a value.</param>
    /// <param name="longFlags">Long options without a value, separated by spaces.</param>
    /// <param name="longValues">Long options that take a value, separated by spaces.</param>
    /// <param name="longOptional">Long options whose value is optional and only given after '='.</param>
    public OptionSpec(string flags, string valueFlags = "", string longFlags = "", string longValues = "", string longOptional = "")
    {
        _flags = flags;
        _valueFlags = valueFlags;
        _longFlags = Words(longFlags);
        _longValues = Words(longValues);
        _longOptional = Words(longOptional);
    }

    /// <summary>Splits <paramref name="argv"/> (program at 0); null with <paramref name="error"/> set when an option is not accepted.</summary>
    public ParsedArgs? Parse(IReadOnlyList<string> argv, out string? error)
    {
        var options = new List<ParsedOption>();
        var operands = new List<string>();
        error = null;
        var endOfOptions = false;
        for (var i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (endOfOptions || arg == "-" || !arg.StartsWith('-'))
            {
                operands.Add(arg);
                continue;
            }

            if (arg == "--")
            {
                endOfOptions = true;
                continue;
            }

            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? arg[2..] : arg[2..eq];
                if (_longValues.Contains(name))
                {
                    var value = eq >= 0 ? arg[(eq + 1)..] : Next(argv, ref i, arg, $"{arg}=VALUE", out error);
                    if (error is not null)
                    {
                        return null;
                    }

                    options.Add(new ParsedOption(name, value));
                }
                else if (_longOptional.Contains(name) || (_longFlags.Contains(name) && eq < 0))
                {
                    options.Add(new ParsedOption(name, eq < 0 ? null : arg[(eq + 1)..]));
                }
                else
                {
                    error = $"option '{(eq < 0 ? arg : arg[..eq])}' is not accepted in the read-only set";
                    return null;
                }

                continue;
            }

            for (var k = 1; k < arg.Length; k++)
            {
                var letter = arg[k];
                if (_valueFlags.Contains(letter, StringComparison.Ordinal))
                {
                    var value = k + 1 < arg.Length ? arg[(k + 1)..] : Next(argv, ref i, "-" + letter, $"-{letter}VALUE", out error);
                    if (error is not null)
                    {
                        return null;
                    }

                    options.Add(new ParsedOption(letter.ToString(), value));
                    break;
                }

                if (!_flags.Contains(letter, StringComparison.Ordinal))
                {
                    error = $"option '-{letter}' is not accepted in the read-only set";
                    return null;
                }

                options.Add(new ParsedOption(letter.ToString(), null));
            }
        }

        return new ParsedArgs(options, operands);
    }

    private static string? Next(IReadOnlyList<string> argv, ref int i, string option, string attached, out string? error)
    {
        error = null;
        if (i + 1 >= argv.Count)
        {
            error = $"option '{option}' needs a value";
            return null;
        }

        var value = argv[++i];
        if (value.StartsWith('-'))
        {
            // getopt would take it as the value, but programs with optional values read it as the next option.
            error = $"the value of '{option}' may not start with '-' unless attached ({attached})";
            return null;
        }

        return value;
    }

    private static HashSet<string> Words(string text) =>
        new(text.Split(' ', StringSplitOptions.RemoveEmptyEntries), StringComparer.Ordinal);
}
