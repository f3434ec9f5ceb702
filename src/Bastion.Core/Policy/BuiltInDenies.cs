namespace Bastion.Core.Policy;

/// <summary>Commands refused in every mode, whatever the policy file says: they run other commands out of sight or switch users.</summary>
internal static class BuiltInDenies
{
    public const string Origin = "a built-in deny";

    public static IReadOnlyList<PolicyPattern> Patterns { get; } =
    [
        .. new[]
        {
            "find ** -exec **", "find ** -execdir **", "find ** -ok **", "find ** -okdir **",
            "su **", "doas **", "pkexec **", "run0 **", "sudoedit **",
        }.Select(p => new PolicyPattern(CommandPattern.Parse(p), Origin)),
    ];
}
