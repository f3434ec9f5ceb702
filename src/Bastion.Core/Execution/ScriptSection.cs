namespace Bastion.Core.Execution;

/// <summary>One section of a <see cref="ScriptSections"/> script's output.</summary>
/// <param name="Name">The section's name.</param>
/// <param name="Text">What the section printed (stdout only; stderr is discarded).</param>
/// <param name="ExitCode">Exit status of the section's last command; 127 usually means the tool is missing.</param>
public sealed record ScriptSection(string Name, string Text, int ExitCode);
