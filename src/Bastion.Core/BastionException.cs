namespace Bastion.Core;

/// <summary>
/// An error whose message is written for the caller (a person or a model): it says what was wrong
/// and what is accepted. The MCP surface turns it into a tool error result; the CLI prints it.
/// Any other exception is a fault of the machinery and is reported without its details.
/// </summary>
public class BastionException : Exception
{
    public BastionException(string message) : base(message) { }

    public BastionException(string message, Exception innerException) : base(message, innerException) { }

    public BastionException() { }
}
