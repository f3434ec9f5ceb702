namespace Bastion.Core.Policy;

/// <summary>An argv with its wrappers (sudo, env, nice, nohup, timeout, command, exec, builtin, busybox, sh -c) taken off.</summary>
/// <param name="Inner">The command the wrappers run; null when refused or when it is a shell script with features.</param>
/// <param name="Refusal">Why the wrappers are not accepted; null when they are.</param>
/// <param name="SudoScope">True when the refusal is that sudo needs a scope the caller lacks.</param>
/// <param name="UsesSudo">True when sudo is among the wrappers.</param>
/// <param name="Environment">Variables the wrappers set (env NAME=VALUE, sudo NAME=VALUE), as NAME=VALUE.</param>
/// <param name="Script">The SCRIPT of sh -c SCRIPT when it has shell features.</param>
/// <param name="ScriptFeatures">Those features.</param>
internal sealed record Unwrapped(
    IReadOnlyList<string>? Inner,
    string? Refusal,
    bool SudoScope,
    bool UsesSudo,
    IReadOnlyList<string> Environment,
    string? Script,
    IReadOnlyList<string> ScriptFeatures);
