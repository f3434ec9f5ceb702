namespace Bastion.Core.Execution;

/// <summary>The host could not be reached, or the command could not be started on it.</summary>
public sealed class HostUnreachableException(string host, string message, Exception? inner = null)
    : BastionException($"Host '{host}': {message}", inner ?? new InvalidOperationException(message))
{
    /// <summary>Inventory name of the host.</summary>
    public string Host { get; } = host;
}
