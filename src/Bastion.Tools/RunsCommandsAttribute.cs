namespace Bastion.Tools;

/// <summary>
/// Marks a tool that runs commands on hosts, and names the arguments that make up its command spec. The call pipeline
/// reads it from the tool's metadata (never from its name): such a tool is served in read-only mode too, each call's
/// command is checked against the command policy on every target host, and confirmation is asked when the policy says
/// so rather than on every call as for other destructive tools. It does not show in <c>tools/list</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class RunsCommandsAttribute : Attribute
{
    /// <summary>The argument holding a shell line (string), run by <c>/bin/sh -c</c>.</summary>
    public string Command { get; init; } = "command";

    /// <summary>The argument holding a program and its arguments (array of strings), run without a shell.</summary>
    public string Argv { get; init; } = "argv";

    /// <summary>The argument holding environment variables to set (object of strings).</summary>
    public string Environment { get; init; } = "env";

    /// <summary>The argument holding the absolute working directory (string).</summary>
    public string WorkingDirectory { get; init; } = "cwd";
}
