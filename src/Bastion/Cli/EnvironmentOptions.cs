using System.CommandLine;

namespace Bastion.Cli;

/// <summary>
/// Every option of <c>bastion serve</c> can also come from the environment, as container and systemd users expect:
/// <c>--mode</c> from <c>BASTION_MODE</c>, <c>--toolsets</c> from <c>BASTION_TOOLSETS</c>, <c>--http</c> from
/// <c>BASTION_HTTP</c>, … (<c>BASTION_</c> + the option's name in capitals, '-' as '_'). The same variables feed the
/// options of the same name on every verb (<c>call</c>, <c>tools</c>, …). A flag on the command line wins; a yes/no
/// option takes true/false (also 1/0, yes/no); a repeatable one takes a comma-separated list; <c>--http</c> takes an
/// address or true. <c>--help</c> names each option's variable.
/// </summary>
internal static class EnvironmentOptions
{
    private const string Prefix = "BASTION_";

    /// <summary>The options <c>--data-dir</c> aside (<c>BASTION_DATA_DIR</c> is read where the path is resolved) and help.</summary>
    private static readonly HashSet<string> Excluded = ["--data-dir", "--help", "--version"];

    /// <summary>The environment variable of option <paramref name="name"/>, e.g. <c>--max-hosts</c> → <c>BASTION_MAX_HOSTS</c>.</summary>
    public static string VariableOf(string name) => Prefix + name.TrimStart('-').ToUpperInvariant().Replace('-', '_');

    /// <summary>The names of the options that the environment can set: those of <c>serve</c>.</summary>
    public static IReadOnlySet<string> Names(RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root.Subcommands.Single(c => c.Name == "serve").Options.Select(o => o.Name).Where(n => !Excluded.Contains(n)).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Adds " Env: BASTION_X." to the description of each such option on every verb, for --help.</summary>
    public static void Describe(RootCommand root)
    {
        var names = Names(root);
        foreach (var option in root.Subcommands.SelectMany(c => c.Options).Distinct())
        {
            if (names.Contains(option.Name) && option.Description?.Contains(VariableOf(option.Name), StringComparison.Ordinal) != true)
            {
                option.Description = $"{option.Description} Env: {VariableOf(option.Name)}.".TrimStart();
            }
        }
    }

    /// <summary>
    /// <paramref name="args"/> with, for each option of the invoked verb that the environment can set and the command line
    /// did not, the tokens its variable gives (before any <c>--</c>); and the variables used.
    /// </summary>
    public static (string[] Args, IReadOnlyList<string> Used) Apply(RootCommand root, ParseResult parse, string[] args)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(args);
        var names = Names(root);
        var added = new List<string>();
        var used = new List<string>();
        foreach (var option in parse.CommandResult.Command.Options.Where(o => names.Contains(o.Name)))
        {
            var variable = VariableOf(option.Name);
            if (Environment.GetEnvironmentVariable(variable) is not { Length: > 0 } value || parse.GetResult(option) is { Implicit: false })
            {
                continue;
            }

            used.Add(variable);
            if (option.ValueType == typeof(bool))
            {
                added.AddRange([option.Name, value.Trim().ToLowerInvariant() switch { "1" or "yes" or "on" => "true", "0" or "no" or "off" => "false", var v => v }]);
            }
            else if (option.Arity.MinimumNumberOfValues == 0 && value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on")
            {
                added.Add(option.Name);
            }
            else if (option.ValueType.IsArray)
            {
                foreach (var item in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    added.AddRange([option.Name, item]);
                }
            }
            else
            {
                added.AddRange([option.Name, value]);
            }
        }

        if (added.Count == 0)
        {
            return (args, used);
        }

        var separator = Array.IndexOf(args, "--");
        return separator < 0
            ? ([.. args, .. added], used)
            : ([.. args[..separator], .. added, .. args[separator..]], used);
    }
}
