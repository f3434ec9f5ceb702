using System.ComponentModel;

namespace Bastion.Providers.Alpacon.WebFtp;

/// <summary>A file or folder moved between Bastion's machine and an Alpacon server through WebFTP.</summary>
internal sealed record WebFtpTransfer(
    [property: Description("Bastion host name of the server.")] string Host,
    [property: Description("upload (Bastion's machine to the server) or download (the server to Bastion's machine).")] string Direction,
    [property: Description("Where the data came from (a path on Bastion's machine for uploads, on the server for downloads).")] string Source,
    [property: Description("Where it was written.")] string Destination,
    [property: Description("True when a folder travelled as a zip archive.")] bool Zipped,
    [property: Description("Bytes that went through storage (the zip's size for folders).")] long SizeBytes,
    [property: Description("SHA-256 of those bytes, hex.")] string Sha256,
    [property: Description("WebFTP's transfer id.")] string TransferId,
    [property: Description("What the server's agent reported when it finished.")] string? Message,
    [property: Description("Seconds the transfer took.")] double DurationSeconds);
