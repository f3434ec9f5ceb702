using System.ComponentModel;

namespace Bastion.Providers.Alpacon.Notes;

/// <summary>The notes of one Alpacon server.</summary>
internal sealed record AlpaconNoteList(
    [property: Description("Bastion host name of the server.")] string Host,
    [property: Description("Alpacon workspace.")] string Workspace,
    [property: Description("How many notes the server has.")] int Total,
    [property: Description("True when it has more than are returned.")] bool Truncated,
    [property: Description("The notes, in Alpacon's order.")] IReadOnlyList<AlpaconNote> Notes,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Remarks);
