using System.Globalization;
using Bastion.Core.Policy;

namespace Bastion.Core.Files;

/// <summary>Checks paths on Bastion's own machine for transfers, and writes there through a temporary file.</summary>
internal static class LocalFile
{
    /// <summary>
    /// The destination, normalised and resolved (symbolic links followed), when it is absolute without '..', is not secret
    /// (Bastion's data directory, a key file, …), its directory exists and it may be (over)written.
    /// </summary>
    /// <exception cref="BastionException">A bad or secret path, a missing directory, a directory in the way, or an existing file without overwrite.</exception>
    public static string Destination(PathGuard guard, string path, bool overwrite)
    {
        var destination = guard.CheckLocal(RemotePath.Normalize(path, "destination"), "destination");
        if (!Directory.Exists(Path.GetDirectoryName(destination)))
        {
            throw new BastionException($"destination '{destination}': the directory {Path.GetDirectoryName(destination)} does not exist on Bastion's machine.");
        }

        if (Directory.Exists(destination))
        {
            throw new BastionException($"destination '{destination}' is a directory; give the full path of the file to write.");
        }

        if (File.Exists(destination) && !overwrite)
        {
            throw new BastionException($"destination '{destination}' exists already; pass overwrite=true to replace it.");
        }

        return destination;
    }

    /// <summary>A temporary file beside <paramref name="destination"/>, renamed over it by <see cref="Commit"/>.</summary>
    public static string TempBeside(string destination) =>
        Path.Combine(Path.GetDirectoryName(destination)!, $".{Path.GetFileName(destination)}.bastion-{Guid.NewGuid():N}.part");

    public static void Commit(string temp, string destination) => File.Move(temp, destination, overwrite: true);

    /// <summary>The permission bits of <paramref name="path"/> in octal, e.g. 644.</summary>
    public static string Mode(string path) =>
        Convert.ToString((int)File.GetUnixFileMode(path) & 0xFFF, 8).PadLeft(3, '0').ToString(CultureInfo.InvariantCulture);
}
