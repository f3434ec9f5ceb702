namespace Bastion.Core.Credentials;

/// <summary>
/// The platform refused the long-lived credential (a 401/403 answer to the token exchange): retrying cannot help, a
/// person has to set a new one. An <see cref="ITokenExchange"/> throws it with the platform's reason as message;
/// <see cref="TokenProvider"/> rethrows it with a message that names the credential and says how to replace it.
/// </summary>
public class TokenRevokedException : BastionException
{
    internal const string DefaultMessage = "The platform refused the credential.";

    public TokenRevokedException(string message) : base(message) { }

    public TokenRevokedException(string message, Exception innerException) : base(message, innerException) { }

    public TokenRevokedException() : base(DefaultMessage) { }
}
