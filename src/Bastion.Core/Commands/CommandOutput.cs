using System.ComponentModel;
using Bastion.Core.FanOut;

namespace Bastion.Core.Commands;

/// <summary>What a command did on one host.</summary>
public sealed record CommandOutput(
    [property: Description("The command's exit code (0 usually means success).")] int ExitCode,
    [property: Description("Standard output; when longer than max_bytes its middle is cut, with a marker saying how much.")] string Stdout,
    [property: Description("Standard error, cut the same way.")] string Stderr,
    [property: Description("True when stdout or stderr was cut.")] bool Truncated,
    [property: Description("Seconds the command ran.")] double DurationSeconds) : IExitStatus;
