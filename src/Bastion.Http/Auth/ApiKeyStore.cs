using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;

namespace Bastion.Http.Auth;

/// <summary>
/// Bastion's API keys for HTTP mode, kept in <c>keys.json</c> in the data directory. A key's text,
/// <c>bst_&lt;id&gt;_&lt;secret&gt;</c>, is returned once by <see cref="CreateAsync"/>; the file holds only the
/// SHA-256 of the secret, so it is not a list of working keys.
/// </summary>
/// <remarks>
/// <para>Every change re-reads the file under an exclusive lock between processes (<c>keys.json.lock</c>) and rewrites
/// it atomically (temporary file, flush, rename) with mode 0600. Readers see another process's changes on their next
/// call: the file is read again whenever its modification time or length differs from what was read last, so
/// <c>bastion keys revoke</c> takes effect in a running server at its next request. A file that cannot be read or
/// parsed is reported (<see cref="BastionException"/>) and never overwritten.</para>
/// <para>Fails closed: once this store has seen a key, the file going missing is an error (every key check fails and
/// <see cref="RequiresAuthentication"/> stays true), never an empty list that would let a server fall back to serving
/// without authentication.</para>
/// <para>Thread-safe. Secrets and hashes are never part of a message. Dispose it when done.</para>
/// </remarks>
public sealed class ApiKeyStore : IApiKeyLookup, IDisposable
{
    /// <summary>The file's name in the data directory.</summary>
    public const string FileName = "keys.json";

    /// <summary>What a key's optional name may look like, in words.</summary>
    public const string NameRule = "1-64 characters: letters, digits, ' ', '.', '_', '@', ':' and '-', starting with a letter or digit";

    private const int MaxNameLength = 64;
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly BastionPaths _paths;
    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile ApiKeySnapshot _snapshot = ApiKeySnapshot.Missing;
    private volatile bool _hadKeys;

    /// <summary>A store over <c>keys.json</c> in <paramref name="paths"/>' data directory; nothing is read or created yet.</summary>
    /// <param name="paths">The data directory.</param>
    /// <param name="clock">The clock for creation and revocation times, and for refusing an expiry in the past; the system clock when null.</param>
    public ApiKeyStore(BastionPaths paths, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = paths;
        _clock = clock ?? TimeProvider.System;
        Path = System.IO.Path.Combine(paths.DataDirectory, FileName);
    }

    /// <summary>The key file.</summary>
    public string Path { get; }

    /// <summary>
    /// Whether requests must carry a token: true once this store has seen a key (for as long as it lives, even if the
    /// file is later removed or damaged), and whenever the file cannot be read; false only while there has never been a
    /// key file with a key in it.
    /// </summary>
    public bool RequiresAuthentication()
    {
        if (_hadKeys)
        {
            return true;
        }

        try
        {
            return Current().Keys.Count > 0;
        }
        catch (BastionException)
        {
            return true;
        }
    }

    /// <summary>True when <paramref name="name"/> follows <see cref="NameRule"/>.</summary>
    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxNameLength }
        && char.IsAsciiLetterOrDigit(name[0])
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is ' ' or '.' or '_' or '@' or ':' or '-');

    /// <summary>
    /// Creates a key for <paramref name="tenant"/> with <paramref name="scopes"/>, and returns its record and its text
    /// (<c>bst_&lt;id&gt;_&lt;secret&gt;</c>, 56 characters), which is not kept anywhere and cannot be shown again.
    /// </summary>
    /// <param name="tenant">The tenant (see <see cref="Core.Configuration.TenantName.Rule"/>).</param>
    /// <param name="scopes">One or more of <see cref="Scopes.All"/>; duplicates are dropped.</param>
    /// <param name="name">Optional label (see <see cref="NameRule"/>).</param>
    /// <param name="expires">When the key stops being accepted (UTC, in the future); null for never.</param>
    /// <param name="cancellationToken">Cancels waiting for the lock and the write.</param>
    /// <exception cref="BastionException">An invalid tenant, scope or name, no scope, an expiry not in the future, or the file cannot be read or written.</exception>
    public async Task<(ApiKeyRecord Key, string Token)> CreateAsync(
        string tenant, IEnumerable<string> scopes, string? name, DateTimeOffset? expires, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scopes);
        TenantName.Validate(tenant);
        var scopeList = OrderedScopes(scopes);
        if (name is not null && !IsValidName(name))
        {
            throw new BastionException($"Invalid key name: use {NameRule}.");
        }

        var now = _clock.GetUtcNow();
        if (expires is { } expiry && expiry <= now)
        {
            throw new BastionException($"The expiry {expiry.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} is not in the future; give a later time or a duration such as 30d.");
        }

        var secret = RandomNumberGenerator.GetBytes(ApiKeyToken.SecretSize);
        try
        {
            var hash = Convert.ToHexStringLower(ApiKeyToken.Hash(secret));
            var (stored, _) = await WriteAsync(
                keys =>
                {
                    string id;
                    do
                    {
                        id = ApiKeyToken.NewId();
                    }
                    while (keys.ContainsKey(id));

                    var key = new StoredApiKey(id, tenant, name, scopeList, now, expires?.ToUniversalTime(), null, hash);
                    return (key, true);
                },
                cancellationToken);
            return (stored.ToRecord(), ApiKeyToken.Format(stored.Id, secret));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    /// <summary>The keys of <paramref name="tenant"/> (every tenant when null), revoked and expired ones included, by tenant then creation time.</summary>
    /// <exception cref="BastionException">An invalid tenant name, or the file cannot be read.</exception>
    public IReadOnlyList<ApiKeyRecord> List(string? tenant = null)
    {
        if (tenant is not null)
        {
            TenantName.Validate(tenant);
        }

        return
        [
            .. Current().Keys.Values
                .Where(k => tenant is null || k.Tenant == tenant)
                .OrderBy(k => k.Tenant, StringComparer.Ordinal)
                .ThenBy(k => k.Created)
                .ThenBy(k => k.Id, StringComparer.Ordinal)
                .Select(k => k.ToRecord()),
        ];
    }

    /// <summary>
    /// Revokes the key <paramref name="id"/>: from then on every reader of the file refuses it. Returns its record and
    /// whether this call changed it (false when it was revoked already; its revocation time is then kept).
    /// </summary>
    /// <exception cref="BastionException">No key has this id (the message repeats the id only when it has an id's
    /// shape, so a secret typed by mistake is not echoed), or the file cannot be read or written.</exception>
    public async Task<(ApiKeyRecord Key, bool Changed)> RevokeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!ApiKeyToken.IsId(id))
        {
            throw new BastionException(id.StartsWith(ApiKeyToken.Prefix, StringComparison.Ordinal)
                ? "Give the key's id (the 8 characters after bst_, as `bastion keys list` shows them), not the key itself."
                : "That is not an API key id: ids are 8 characters a-z and 2-7, as `bastion keys list` shows them.");
        }

        var (stored, changed) = await WriteAsync(
            keys =>
            {
                if (!keys.TryGetValue(id, out var key))
                {
                    throw new BastionException($"No API key has the id {id}. See `bastion keys list`.");
                }

                if (key.Revoked is not null)
                {
                    return (key, false);
                }

                return (key with { Revoked = _clock.GetUtcNow() }, true);
            },
            cancellationToken);
        return (stored.ToRecord(), changed);
    }

    string IApiKeyLookup.Unavailable => "read its key file";

    ValueTask<ApiKeyRecord?> IApiKeyLookup.FindAsync(string id, byte[] secret, CancellationToken cancellationToken) => ValueTask.FromResult(Find(id, secret));

    /// <summary>
    /// The key whose id is <paramref name="id"/> and whose secret's hash matches <paramref name="secret"/>, compared in
    /// constant time; null when there is no such id or the secret is wrong. Revoked and expired keys are returned too:
    /// the caller decides, and may then say why a key is refused to someone who holds it.
    /// </summary>
    /// <exception cref="BastionException">The file cannot be read.</exception>
    internal ApiKeyRecord? Find(string id, ReadOnlySpan<byte> secret)
    {
        if (!Current().Keys.TryGetValue(id, out var key))
        {
            return null;
        }

        // The file was checked when read: the hash is 64 hex digits.
        return CryptographicOperations.FixedTimeEquals(ApiKeyToken.Hash(secret), Convert.FromHexString(key.Sha256)) ? key.ToRecord() : null;
    }

    public void Dispose() => _writeGate.Dispose();

    private static List<string> OrderedScopes(IEnumerable<string> scopes)
    {
        var given = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in scopes)
        {
            if (!Scopes.All.Contains(scope))
            {
                throw new BastionException($"Unknown scope '{scope}'. Known scopes: {string.Join(", ", Scopes.All)}.");
            }

            given.Add(scope);
        }

        return given.Count > 0
            ? [.. Scopes.All.Where(given.Contains)]
            : throw new BastionException($"A key needs at least one scope. Known scopes: {string.Join(", ", Scopes.All)}.");
    }

    /// <summary>The keys on disk: those in memory while the file is unchanged, else the file read again.</summary>
    private ApiKeySnapshot Current()
    {
        var snapshot = _snapshot;
        if (snapshot.Stamp == Stamp())
        {
            return snapshot;
        }

        lock (_gate)
        {
            var stamp = Stamp();
            return _snapshot.Stamp == stamp ? _snapshot : _snapshot = Read(stamp);
        }
    }

    private ApiKeySnapshot Read((DateTime Time, long Length) stamp)
    {
        if (stamp.Length < 0)
        {
            return Gone();
        }

        string json;
        try
        {
            json = File.ReadAllText(Path);
        }
        catch (FileNotFoundException)
        {
            return Gone();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"The API key file {Path} cannot be read: {e.Message}", e);
        }

        var snapshot = new ApiKeySnapshot(ApiKeyFile.Parse(Path, json).ToDictionary(k => k.Id, StringComparer.Ordinal), stamp);
        if (snapshot.Keys.Count > 0)
        {
            _hadKeys = true;
        }

        return snapshot;
    }

    /// <summary>No file: no keys yet, or, once there were keys, an error (fail closed, never "no authentication").</summary>
    private ApiKeySnapshot Gone() => _hadKeys
        ? throw new BastionException(
            $"The API key file {Path} is gone although it held keys when this server read it: every API key is refused until it is restored " +
            "(from a backup, or with new keys from `bastion keys create`). A server does not fall back to serving without authentication.")
        : ApiKeySnapshot.Missing;

    private (DateTime Time, long Length) Stamp()
    {
        var info = new FileInfo(Path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    /// <summary>
    /// Under the lock between processes, reads the file afresh, lets <paramref name="change"/> produce the entry to
    /// store (and whether anything changed), and writes the file when it did.
    /// </summary>
    private async Task<(StoredApiKey Key, bool Changed)> WriteAsync(
        Func<IReadOnlyDictionary<string, StoredApiKey>, (StoredApiKey Key, bool Changed)> change, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            _paths.EnsureDataDirectory();
            using var fileLock = await FileLock.AcquireAsync(Path + ".lock", "API key file", cancellationToken);
            ApiKeySnapshot snapshot;
            lock (_gate)
            {
                // Another process may have written within the same clock tick and at the same length: read regardless.
                _snapshot = snapshot = Read(Stamp());
            }

            var (key, changed) = change(snapshot.Keys);
            if (!changed)
            {
                return (key, false);
            }

            var keys = new Dictionary<string, StoredApiKey>(snapshot.Keys, StringComparer.Ordinal) { [key.Id] = key };
            var ordered = keys.Values.OrderBy(k => k.Created).ThenBy(k => k.Id, StringComparer.Ordinal);
            try
            {
                await AtomicFile.WriteAllTextAsync(Path, ApiKeyFile.Serialize(ordered), new AtomicWriteOptions { Mode = Private }, cancellationToken);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BastionException($"The API key file {Path} cannot be written: {e.Message}", e);
            }

            lock (_gate)
            {
                _snapshot = new ApiKeySnapshot(keys, Stamp());
                _hadKeys = true;
            }

            return (key, true);
        }
        finally
        {
            _writeGate.Release();
        }
    }
}
