namespace Bastion.Core.Policy;

/// <summary>A shell line read as one simple command.</summary>
/// <param name="Argv">The words after quote removal; null when <paramref name="Features"/> is not empty.</param>
/// <param name="Features">Shell syntax beyond one simple command, each with a short human name, in order of first appearance.</param>
public sealed record ShellParseResult(IReadOnlyList<string>? Argv, IReadOnlyList<string> Features);
