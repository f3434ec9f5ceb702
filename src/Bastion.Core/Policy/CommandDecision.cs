namespace Bastion.Core.Policy;

/// <summary>The policy's answer for one command.</summary>
/// <param name="Verdict">Refused, read-only (runs at once) or needs a person's confirmation.</param>
/// <param name="Reason">One or two plain sentences saying why, written so that a model can act on them.</param>
/// <param name="EffectiveArgv">What to run when the verdict is not <see cref="CommandVerdict.Refused"/>: the argv as given or
/// parsed from the line, or <c>/bin/sh -c LINE</c> for a shell line a rule lets through; null when refused.</param>
public sealed record CommandDecision(CommandVerdict Verdict, string Reason, IReadOnlyList<string>? EffectiveArgv);
