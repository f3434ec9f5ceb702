using System.Diagnostics;

namespace Bastion.Core.Configuration;

/// <summary>
/// An exclusive lock between processes on a lock file beside a state file (an advisory <c>flock</c>, which .NET takes
/// for <see cref="FileShare.None"/>), held while a process reads, changes and rewrites that file, so that two writers do
/// not lose each other's changes. Released when disposed or when the process dies.
/// </summary>
public sealed class FileLock : IDisposable
{
    /// <summary>EWOULDBLOCK: what .NET reports when another open file description holds the flock.</summary>
    private const int WouldBlock = 11;

    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan _retry = TimeSpan.FromMilliseconds(25);

    private readonly FileStream _stream;

    private FileLock(FileStream stream) => _stream = stream;

    /// <summary>
    /// Takes the lock on <paramref name="path"/> (created, mode 0600, when missing), waiting up to 15 seconds for
    /// another process to release it. <paramref name="what"/> names the guarded file in messages, e.g. "vault".
    /// </summary>
    /// <exception cref="BastionException">Another process held the lock for longer than 15 seconds, or the lock file cannot be created.</exception>
    public static async Task<FileLock> AcquireAsync(string path, string what, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentException.ThrowIfNullOrWhiteSpace(what);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = Private,
                }));
            }
            catch (IOException e) when (e.HResult == WouldBlock)
            {
                if (clock.Elapsed > _timeout)
                {
                    throw new BastionException($"The {what} is locked by another process ({path}); try again when it has finished.", e);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BastionException($"The {what}'s lock file {path} cannot be created: {e.Message}", e);
            }

            await Task.Delay(_retry, cancellationToken);
        }
    }

    public void Dispose() => _stream.Dispose();
}
