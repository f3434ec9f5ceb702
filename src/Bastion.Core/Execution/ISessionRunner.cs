namespace Bastion.Core.Execution;

/// <summary>
/// A runner that can also keep a long-lived shell open on its host, so that work repeated on a schedule (the history
/// collector's ticks) writes scripts to one process instead of starting a process per run. Implemented by the local
/// runner (a local <c>/bin/sh</c>) and the SSH runner (one <c>ssh … /bin/sh</c> session over the host's master).
/// </summary>
public interface ISessionRunner : IHostRunner
{
    /// <summary>The local argv of a process whose stdin a POSIX <c>sh</c> on the host reads commands from, and whose
    /// stdout and stderr are that shell's.</summary>
    IReadOnlyList<string> SessionArgv { get; }

    /// <summary>Ends what a session left running on the host: the process group <paramref name="processGroup"/> (the
    /// session shell's, as it reported it) after its local process was killed; best effort, bounded in time. A runner whose
    /// sessions are local processes, ended with the local process tree, does nothing.</summary>
    Task EndSessionAsync(string processGroup);
}
