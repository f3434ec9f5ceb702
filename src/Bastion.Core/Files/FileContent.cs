using System.ComponentModel;

namespace Bastion.Core.Files;

/// <summary>A piece of a text file on a host.</summary>
public sealed record FileContent(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("The file, normalised.")] string Path,
    [property: Description("Size of the whole file in bytes.")] long SizeBytes,
    [property: Description("Byte offset where the returned text starts.")] long Offset,
    [property: Description("Bytes returned; read on from offset + returned_bytes.")] long ReturnedBytes,
    [property: Description("True when the returned text reaches the end of the file.")] bool Eof,
    [property: Description("True when the file holds binary data (a NUL byte); content is then empty: use files_download.")] bool Binary,
    [property: Description("The text (UTF-8; invalid bytes replaced).")] string Content);
