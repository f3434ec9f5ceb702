namespace Bastion.Core.FanOut;

/// <summary>A host's result that ends with a process exit code (0 usually means success), e.g. a command's output.</summary>
public interface IExitStatus
{
    /// <summary>The exit code of the process that produced the result.</summary>
    int ExitCode { get; }
}
