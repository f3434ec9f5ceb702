namespace Bastion.Cli;

/// <summary>
/// How a client reaches Bastion: a program it starts over stdio (<see cref="Command"/>, <see cref="Arguments"/>,
/// <see cref="Environment"/>), or a Streamable HTTP endpoint (<see cref="Url"/>) with an API key the client takes from
/// the environment variable <see cref="KeyVariable"/>. <see cref="KeyValue"/> is that key, only when it must be written
/// into the client's file (the <c>mcp-remote</c> form, on <c>--install</c>); never printed.
/// </summary>
internal sealed record ServerLaunch(
    string? Command, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, Uri? Url, string? KeyVariable, string? KeyValue)
{
    /// <summary>A program started over stdio.</summary>
    public static ServerLaunch Stdio(string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null) =>
        new(command, arguments, environment ?? new Dictionary<string, string>(), null, null, null);

    /// <summary>A remote endpoint.</summary>
    public static ServerLaunch Http(Uri url, string? keyVariable, string? keyValue) =>
        new(null, [], new Dictionary<string, string>(), url, keyVariable, keyValue);
}
