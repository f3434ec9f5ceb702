namespace Bastion.Core.Policy;

/// <summary>
/// Commands refused in every mode, whatever the policy file says: they run other commands out of sight, switch users, or
/// destroy a whole machine in one line (removing the root file system or everything under it, formatting or overwriting
/// a disk). A confirmation is no safeguard against those: one slip of a model or a tired click loses a host.
/// </summary>
internal static class BuiltInDenies
{
    public const string Origin = "a built-in deny";

    public static IReadOnlyList<PolicyPattern> Patterns { get; } =
    [
        .. new[]
        {
            "find ** -exec **", "find ** -execdir **", "find ** -ok **", "find ** -okdir **", "find ** / ** -delete **",
            "su **", "doas **", "pkexec **", "run0 **", "sudoedit **",
            "rm ** / **", "rm ** /\\* **", "rm ** --no-preserve-root **",
            "mkfs **", "mkfs.* **", "mke2fs **", "mkswap **", "wipefs **", "blkdiscard **",
            "dd ** of=/dev/* **", "shred ** /dev/* **",
        }.Select(p => new PolicyPattern(CommandPattern.Parse(p), Origin)),
    ];
}
