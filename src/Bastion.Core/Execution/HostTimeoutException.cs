namespace Bastion.Core.Execution;

/// <summary>A command on a host did not finish within its timeout and was ended.</summary>
public sealed class HostTimeoutException : BastionException
{
    public HostTimeoutException(string host, TimeSpan timeout, string what)
        : base($"Host '{host}': {what} did not finish within {timeout.TotalSeconds:0.#} s and was ended.")
    {
    }

    public HostTimeoutException() { }

    public HostTimeoutException(string message) : base(message) { }

    public HostTimeoutException(string message, Exception innerException) : base(message, innerException) { }
}
