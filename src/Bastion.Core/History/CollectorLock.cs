using Bastion.Core.Configuration;

namespace Bastion.Core.History;

/// <summary>
/// The one-writer rule of a data directory's history: an advisory lock on <c>history.lock</c>, taken without waiting and
/// held for as long as a collector runs (released when it stops or its process dies). The lock file holds the holder's
/// process id, for people.
/// </summary>
public sealed class CollectorLock : IDisposable
{
    /// <summary>The lock file's name in the data directory.</summary>
    public const string FileName = "history.lock";

    private const int WouldBlock = 11;

    private readonly FileStream _stream;

    private CollectorLock(FileStream stream) => _stream = stream;

    /// <summary>Takes the lock of <paramref name="paths"/>'s data directory.</summary>
    /// <exception cref="BastionException">Another collector holds it, or the lock file cannot be created.</exception>
    public static CollectorLock Acquire(BastionPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        Directory.CreateDirectory(paths.DataDirectory);
        var path = Path.Combine(paths.DataDirectory, FileName);
        try
        {
            var stream = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate,
                Access = FileAccess.ReadWrite,
                Share = FileShare.None,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\n"));
            stream.Flush();
            return new CollectorLock(stream);
        }
        catch (IOException e) when (e.HResult == WouldBlock)
        {
            throw new BastionException($"Another collector already writes the history of {paths.DataDirectory} (its process id is in {path}); one collector per data directory. Stop it, or read its history without collecting.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"The collector's lock file {path} cannot be created: {e.Message}", e);
        }
    }

    public void Dispose() => _stream.Dispose();
}
