namespace Bastion.Core.Policy;

/// <summary>
/// One entry of the read-only set: an allow pattern, and for built-in entries the exceptions that keep it read-only
/// and finite (a check that returns why an argv the pattern matches is not read-only, or null).
/// </summary>
internal sealed class ReadOnlyEntry(CommandPattern pattern, string origin, string? note = null, Func<IReadOnlyList<string>, string?>? check = null)
{
    public CommandPattern Pattern { get; } = pattern;

    /// <summary>Where the entry comes from, for messages.</summary>
    public string Origin { get; } = origin;

    /// <summary>The pattern, with its exceptions in words when it has any.</summary>
    public string Describe => note is null ? Pattern.Text : $"{Pattern.Text} ({note})";

    /// <summary>Why <paramref name="argv"/> (which the pattern matches; program as its basename) is not read-only, or null.</summary>
    public string? Exception(IReadOnlyList<string> argv) => check?.Invoke(argv);
}
