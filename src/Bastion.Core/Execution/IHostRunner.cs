namespace Bastion.Core.Execution;

/// <summary>
/// Runs commands on one host. Implementations: <see cref="LocalRunner"/> for the machine Bastion runs on;
/// others reach remote hosts. Every host fact is read through a runner and parsed by the pure parsers in
/// <c>Bastion.Core.Linux</c>, so local and remote hosts share one code path.
/// </summary>
public interface IHostRunner
{
    /// <summary>The inventory name of the host this runner reaches.</summary>
    string HostName { get; }

    /// <summary>
    /// Runs <paramref name="request"/> and returns its exit code and output. A timeout is a result
    /// (<see cref="CommandResult.TimedOut"/>), not an exception; cancelling <paramref name="cancellationToken"/>
    /// kills the command and throws <see cref="OperationCanceledException"/>. Throws
    /// <see cref="HostUnreachableException"/> when the command could not be started at all.
    /// </summary>
    Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken);
}
