using System.ComponentModel;

namespace Bastion.Core.Files;

/// <summary>One entry of a directory, from <c>stat</c>.</summary>
public sealed record FileEntry(
    [property: Description("File name (without the directory).")] string Name,
    [property: Description("file, directory, symlink or other (device, socket, fifo).")] string Type,
    [property: Description("Size in bytes (of the link itself for symlinks).")] long SizeBytes,
    [property: Description("Permission bits in octal, e.g. 644.")] string Mode,
    [property: Description("Owner's user name.")] string Owner,
    [property: Description("Group name.")] string Group,
    [property: Description("Last modification, UTC ISO-8601.")] DateTimeOffset Modified);
