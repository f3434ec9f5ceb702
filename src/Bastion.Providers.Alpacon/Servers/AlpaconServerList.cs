using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Servers;

/// <summary>Servers of one Alpacon workspace.</summary>
internal sealed record AlpaconServerList(
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("How many servers match in Alpacon.")] int Total,
    [property: Description("True when more match than are returned.")] bool Truncated,
    [property: Description("The servers, in Alpacon's order.")] IReadOnlyList<AlpaconServerInfo> Servers,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Notes);
