using System.Security.Cryptography;
using Bastion.Core.Configuration;

namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// The key file: the base64 of 32 random bytes, mode 0600. A key file others can read or write is refused. During a
/// rotation to a new key file, the new key waits in <c>vault.key.new</c> until the vault file has been re-encrypted
/// under it, then replaces <c>vault.key</c> (whose previous content is kept as <c>vault.key.bak</c>).
/// </summary>
internal static class VaultKeyFile
{
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersOrGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    public static string PendingPath(string path) => path + ".new";

    public static string BackupPath(string path) => path + ".bak";

    /// <summary>The key in <paramref name="path"/>, or null when there is no such file.</summary>
    /// <exception cref="BastionException">The file is accessible to others, or does not hold a key.</exception>
    public static byte[]? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersOrGroup) != 0)
        {
            throw new BastionException(
                $"The vault key file {path} is accessible to other users (mode {Octal(mode)}), so Bastion will not use it. " +
                $"Make it private with `chmod 600 {path}` and try again (and consider the key exposed: rotate it with `bastion vault rotate-key`).");
        }

        string text;
        try
        {
            text = File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"The vault key file {path} cannot be read: {e.Message}", e);
        }

        var key = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, key, out var length) || length != VaultKeySource.KeySize)
        {
            CryptographicOperations.ZeroMemory(key);
            throw new BastionException($"The vault key file {path} does not hold a vault key (the base64 of {VaultKeySource.KeySize} bytes). Restore it from your backup.");
        }

        var result = key[..length];
        CryptographicOperations.ZeroMemory(key);
        return result;
    }

    /// <summary>Writes <paramref name="key"/> to <paramref name="path"/> atomically with mode 0600.</summary>
    public static Task WriteAsync(string path, byte[] key, string? backupPath, Func<string, CancellationToken, Task>? beforeRename, CancellationToken cancellationToken) =>
        AtomicFile.WriteAllTextAsync(
            path,
            Convert.ToBase64String(key) + "\n",
            new AtomicWriteOptions { Mode = Mode, BackupPath = backupPath, BeforeRename = beforeRename },
            cancellationToken);

    private static string Octal(UnixFileMode mode) => "0" + Convert.ToString((int)mode, 8).PadLeft(3, '0');
}
