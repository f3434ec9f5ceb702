using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Confirmation;

/// <summary>
/// The key that authenticates state Bastion hands to a client and takes back later (the request state of a 2026-07-28
/// confirmation): 32 random bytes, base64, in <c>confirmation.key</c> in the server's data directory (mode 0600),
/// created on first use and never replaced, so every instance that shares the file (or a copy of it) accepts the
/// others' state. Tokens are <c>PAYLOAD.MAC</c>, both base64url, the MAC being HMAC-SHA256 over a purpose label and
/// the payload. The key never leaves this type: no message, log line or token carries it.
/// </summary>
public sealed class StateKey
{
    /// <summary>The key file's name in the data directory.</summary>
    public const string FileName = "confirmation.key";

    private const int KeySize = 32;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OthersOrGroup =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly byte[] _key;

    private StateKey(byte[] key) => _key = key;

    /// <summary>
    /// The key in <paramref name="directory"/>'s <see cref="FileName"/>, created (0600, written to a temporary file and
    /// renamed into place without replacing one another instance created first) when there is none.
    /// </summary>
    /// <exception cref="BastionException">The file is accessible to other users, or does not hold a key.</exception>
    public static StateKey LoadOrCreate(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var path = Path.Combine(directory, FileName);
        if (!File.Exists(path))
        {
            Create(path);
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & OthersOrGroup) != 0)
        {
            throw new BastionException(
                $"The confirmation key file {path} is accessible to other users, so Bastion will not use it: anyone who can read it " +
                $"can forge confirmations. Delete it (a new one is made; pending confirmations are then refused) or `chmod 600 {path}`.");
        }

        var text = File.ReadAllText(path).Trim();
        var key = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, key, out var length) || length != KeySize)
        {
            throw new BastionException($"The confirmation key file {path} does not hold a key (the base64 of {KeySize} bytes). Delete it and a new one is made.");
        }

        return new StateKey(key[..length]);
    }

    /// <summary>A token carrying <paramref name="payload"/> for <paramref name="purpose"/>, readable by the client, not forgeable.</summary>
    public string Seal(string purpose, ReadOnlySpan<byte> payload)
    {
        var body = Base64Url(payload);
        return body + "." + Base64Url(Mac(purpose, body));
    }

    /// <summary>The payload of a token this key sealed for <paramref name="purpose"/>; null when it did not, or it was altered.</summary>
    public byte[]? Open(string purpose, string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || token.Length > 4096)
        {
            return null;
        }

        var body = token[..dot];
        var mac = FromBase64Url(token[(dot + 1)..]);
        if (mac is null || !CryptographicOperations.FixedTimeEquals(mac, Mac(purpose, body)))
        {
            return null;
        }

        return FromBase64Url(body);
    }

    private byte[] Mac(string purpose, string body) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"bastion/{purpose}/v1\n{body}"));

    private static void Create(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = Path.Combine(Path.GetDirectoryName(path)!, $".{FileName}.{Guid.NewGuid():N}.tmp");
        var key = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            using (var stream = new FileStream(temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Private }))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(key) + "\n"));
                stream.Flush(flushToDisk: true);
            }

            // Moving without overwrite fails when the name exists: the first instance's key wins and the others read it.
            try
            {
                File.Move(temp, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            File.Delete(temp);
        }
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var bytes = new byte[padded.Length];
        return Convert.TryFromBase64String(padded, bytes, out var length) ? bytes[..length] : null;
    }
}
