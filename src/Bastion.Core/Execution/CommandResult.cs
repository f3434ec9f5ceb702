namespace Bastion.Core.Execution;

/// <summary>What one command did on a host.</summary>
/// <param name="ExitCode">The process's exit code; -1 when it was killed (timeout).</param>
/// <param name="Stdout">Standard output, UTF-8 decoded (invalid bytes replaced), at most the request's cap.</param>
/// <param name="Stderr">Standard error, likewise.</param>
/// <param name="Duration">Wall-clock time from start to exit.</param>
/// <param name="TimedOut">True when the timeout passed and the process tree was killed.</param>
/// <param name="OutputTruncated">True when stdout or stderr was longer than the cap.</param>
public sealed record CommandResult(
    int ExitCode,
    string Stdout,
    string Stderr,
    TimeSpan Duration,
    bool TimedOut = false,
    bool OutputTruncated = false)
{
    /// <summary>Exited with 0 and did not time out.</summary>
    public bool Succeeded => ExitCode == 0 && !TimedOut;
}
