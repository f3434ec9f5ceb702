namespace Bastion.Core.Policy;

/// <summary>One option found by <see cref="OptionSpec"/>: its name without dashes, and its value when it takes one.</summary>
internal sealed record ParsedOption(string Name, string? Value);
