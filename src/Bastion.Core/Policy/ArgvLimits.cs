using System.Text;

namespace Bastion.Core.Policy;

/// <summary>Limits on every argv, given or parsed: count, length, characters.</summary>
internal static class ArgvLimits
{
    public const int MaxArguments = 256;
    public const int MaxArgumentLength = 4096;

    /// <summary>What is wrong with <paramref name="argv"/>, as a sentence, or null.</summary>
    public static string? Problem(IReadOnlyList<string> argv)
    {
        if (argv.Count == 0 || argv[0] is null || argv[0].Length == 0)
        {
            return "The command is empty; give a program and its arguments, e.g. [\"uptime\"].";
        }

        if (argv.Count > MaxArguments)
        {
            return $"The command has {argv.Count} arguments; the limit is {MaxArguments}.";
        }

        for (var i = 0; i < argv.Count; i++)
        {
            var arg = argv[i];
            if (arg is null)
            {
                return $"Argument {i} is null; every argument must be a string.";
            }

            if (arg.Length > MaxArgumentLength)
            {
                return $"Argument {i} is {arg.Length} characters long; the limit is {MaxArgumentLength}.";
            }

            for (var k = 0; k < arg.Length; k++)
            {
                if (ShellLine.Unprintable(arg, k, out _) is { } bad)
                {
                    return $"Argument {i} contains {bad}; arguments may not hold NUL, control or invisible characters.";
                }
            }
        }

        var program = argv[0];
        var nonAscii = program.EnumerateRunes().FirstOrDefault(r => !Rune.IsControl(r) && r.Value > 0x7F);
        return nonAscii.Value != 0
            ? $"The program name '{program}' contains U+{nonAscii.Value:X4}, which is not ASCII; program names must be plain ASCII (look-alike characters are refused)."
            : null;
    }
}
