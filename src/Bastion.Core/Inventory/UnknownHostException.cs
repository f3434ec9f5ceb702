namespace Bastion.Core.Inventory;

/// <summary>A host name that is not in the inventory.</summary>
public sealed class UnknownHostException : BastionException
{
    public UnknownHostException(string name, IEnumerable<string> known)
        : base($"Unknown host '{name}'. Known hosts: {string.Join(", ", known)}. List them with hosts_list.")
    {
        Name = name;
    }

    /// <summary>The name that was asked for.</summary>
    public string Name { get; } = string.Empty;

    public UnknownHostException() { }

    public UnknownHostException(string message) : base(message) { }

    public UnknownHostException(string message, Exception innerException) : base(message, innerException) { }
}
