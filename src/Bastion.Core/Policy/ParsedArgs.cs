namespace Bastion.Core.Policy;

/// <summary>An argv split by <see cref="OptionSpec"/> into options and operands.</summary>
internal sealed record ParsedArgs(IReadOnlyList<ParsedOption> Options, IReadOnlyList<string> Operands)
{
    /// <summary>True when an option named <paramref name="name"/> (e.g. "n" or "lines") was given.</summary>
    public bool Has(params string[] name) => Options.Any(o => name.Contains(o.Name, StringComparer.Ordinal));

    /// <summary>The value of the last option with one of the names, or null.</summary>
    public string? Value(params string[] name) => Options.LastOrDefault(o => name.Contains(o.Name, StringComparer.Ordinal))?.Value;
}
