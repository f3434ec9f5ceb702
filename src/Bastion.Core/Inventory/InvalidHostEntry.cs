namespace Bastion.Core.Inventory;

/// <summary>An entry of <c>inventory.yaml</c> that breaks <see cref="HostValidator"/>'s rule and is left out of the inventory.</summary>
/// <param name="Index">Its position in the file's <c>hosts:</c> list, from 1.</param>
/// <param name="Line">The file line it starts on, from 1.</param>
/// <param name="Name">The name it gives, or null when it gives none.</param>
/// <param name="Reason">Why it was refused: each bad field, why, and what is accepted.</param>
public sealed record InvalidHostEntry(int Index, long Line, string? Name, string Reason)
{
    /// <summary>The entry as read, written back unchanged when the file is saved.</summary>
    internal YamlDotNet.RepresentationModel.YamlNode? Node { get; init; }

    /// <summary>One sentence that names the entry and says why it is skipped, for warnings, <c>hosts list</c> and <c>doctor</c>.</summary>
    public string Describe(string path) =>
        $"{path}, host #{Index} (line {Line}){(Name is null ? string.Empty : $" '{Name}'")} is skipped: {Reason}. Fix or remove that entry; the other hosts are unaffected.";
}
