namespace Bastion.Core.Execution;

/// <summary>
/// Runs commands on the machine Bastion itself runs on, as child processes (no shell unless the
/// request's argv starts one). Timeout and cancellation kill the whole process tree.
/// </summary>
public sealed class LocalRunner(string hostName = LocalRunner.LocalHostName) : ISessionRunner
{
    /// <summary>The inventory name of the local host.</summary>
    public const string LocalHostName = "local";

    public string HostName { get; } = hostName;

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return ProcessExecutor.RunAsync(HostName, request.Argv, request, null, cancellationToken);
    }

    /// <summary>A local <c>/bin/sh</c> reading its stdin.</summary>
    public IReadOnlyList<string> SessionArgv { get; } = ["/bin/sh"];

    /// <summary>Nothing: a local session ends with its local process tree.</summary>
    public Task EndSessionAsync(string processGroup) => Task.CompletedTask;
}
