namespace Bastion.Core.Policy;

/// <summary>Blacklist checks for commands whose options are harmless except for a few.</summary>
internal static class OptionScan
{
    /// <summary>
    /// The first argument that is (or may be read as) one of the forbidden options: a short-option cluster holding one
    /// of <paramref name="letters"/>, or a long option equal to, or an abbreviation of, one of <paramref name="longNames"/>.
    /// Every argument is looked at, even after '--' or where it might be a value: a false alarm only refuses.
    /// </summary>
    public static string? Forbidden(IReadOnlyList<string> argv, string letters, params string[] longNames)
    {
        for (var i = 1; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                var name = eq < 0 ? arg[2..] : arg[2..eq];
                if (longNames.Any(l => l.StartsWith(name, StringComparison.Ordinal)))
                {
                    return eq < 0 ? arg : arg[..eq];
                }
            }
            else if (arg.StartsWith('-') && arg.Length > 1 && !arg.StartsWith("--", StringComparison.Ordinal) && arg.AsSpan(1).IndexOfAny(letters) >= 0)
            {
                return arg;
            }
        }

        return null;
    }
}
