namespace Bastion.Fakes.CloudStack;

/// <summary>A request as the fake received it, for tests to inspect (how often a command came, what the URL and body held).</summary>
/// <param name="Method">GET or POST.</param>
/// <param name="Command">The command parameter; null when missing.</param>
/// <param name="Query">The raw query string, with its leading '?', or empty.</param>
/// <param name="Body">The raw form body, or empty.</param>
/// <param name="Cookie">The Cookie header, or empty.</param>
public sealed record RecordedRequest(string Method, string? Command, string Query, string Body, string Cookie);
