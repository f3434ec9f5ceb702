using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Events;

/// <summary>Events of a workspace or a server, newest first.</summary>
internal sealed record AlpaconEventList(
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("Bastion host name when the list is for one server; otherwise null.")] string? Host,
    [property: Description("How many events match in Alpacon.")] int Total,
    [property: Description("True when more match than are returned.")] bool Truncated,
    [property: Description("The events, newest first.")] IReadOnlyList<AlpaconEvent> Events,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Notes);
