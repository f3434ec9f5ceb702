using System.ComponentModel;

namespace Bastion.Core.Files;

/// <summary>The entries of a directory on a host.</summary>
public sealed record DirectoryListing(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("The directory, normalised.")] string Path,
    [property: Description("Entries in the directory, hidden ones included.")] int Total,
    [property: Description("Entries, directories first, then by name; at most limit.")] IReadOnlyList<FileEntry> Entries,
    [property: Description("True when more entries exist than were returned.")] bool Truncated);
