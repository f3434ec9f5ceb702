namespace Bastion.Core.Commands;

/// <summary>A command to run on hosts: a shell line or an argv, and how.</summary>
/// <param name="Line">A shell line run by /bin/sh -c; null when <paramref name="Argv"/> is given.</param>
/// <param name="Argv">Program and arguments run without a shell; null when <paramref name="Line"/> is given.</param>
/// <param name="Timeout">Time the command may run on each host.</param>
/// <param name="WorkingDirectory">Absolute directory to run in; null: the user's home.</param>
/// <param name="Environment">Variables added to the command's environment.</param>
/// <param name="MaxBytes">Bytes of stdout, and of stderr, returned per host.</param>
public sealed record CommandSpec(
    string? Line,
    IReadOnlyList<string>? Argv,
    TimeSpan Timeout,
    string? WorkingDirectory,
    IReadOnlyDictionary<string, string> Environment,
    int MaxBytes);
