using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>Commands of a workspace or a server, newest first.</summary>
internal sealed record AlpaconCommandList(
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("Bastion host name when the list is for one server; otherwise null.")] string? Host,
    [property: Description("How many commands Alpacon has for the query.")] int Total,
    [property: Description("True when more exist than are returned.")] bool Truncated,
    [property: Description("The commands, newest first.")] IReadOnlyList<AlpaconCommandInfo> Commands,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Notes);
