using System.Diagnostics;

namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// An exclusive lock between processes on <c>vault.json.lock</c> (an advisory <c>flock</c>, which .NET takes for
/// <see cref="FileShare.None"/>), held while a process reads, changes and rewrites the vault, so that two writers do not
/// lose each other's changes. Released when disposed or when the process dies.
/// </summary>
internal sealed class VaultLock : IDisposable
{
    /// <summary>EWOULDBLOCK: what .NET reports when another open file description holds the flock.</summary>
    private const int WouldBlock = 11;

    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan _retry = TimeSpan.FromMilliseconds(25);

    private readonly FileStream _stream;

    private VaultLock(FileStream stream) => _stream = stream;

    /// <exception cref="BastionException">Another process held the lock for longer than 15 seconds, or the lock file cannot be created.</exception>
    public static async Task<VaultLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new VaultLock(new FileStream(path, new FileStreamOptions
                {
                    Mode = FileMode.OpenOrCreate,
                    Access = FileAccess.ReadWrite,
                    Share = FileShare.None,
                    UnixCreateMode = VaultKeyFile.Mode,
                }));
            }
            catch (IOException e) when (e.HResult == WouldBlock)
            {
                if (clock.Elapsed > _timeout)
                {
                    throw new BastionException($"The vault is locked by another process ({path}); try again when it has finished.", e);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BastionException($"The vault's lock file {path} cannot be created: {e.Message}", e);
            }

            await Task.Delay(_retry, cancellationToken);
        }
    }

    public void Dispose() => _stream.Dispose();
}
