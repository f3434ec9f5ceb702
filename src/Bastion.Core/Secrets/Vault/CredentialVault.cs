using System.Security.Cryptography;
using System.Text;
using Bastion.Core.Configuration;

namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// Credentials Bastion needs (SSH key passphrases, platform API keys and tokens, per-tenant secrets), encrypted at rest
/// in <c>vault.json</c> in the data directory and namespaced by tenant (<see cref="DefaultTenant"/> in stdio mode).
/// </summary>
/// <remarks>
/// <para>Every value is encrypted with AES-256-GCM under a fresh random 12-byte nonce, with a 16-byte tag and the
/// associated data <c>bastion-vault/v1\0{tenant}\0{name}</c>: a ciphertext altered, or moved to another name or tenant,
/// does not decrypt. The header records how the key was supplied (<see cref="VaultKeyKind"/>), the PBKDF2 salt and
/// iterations for a passphrase, and a check value (a constant encrypted under the key), so a wrong key is reported as such
/// when the vault is opened.</para>
/// <para>The key comes from <see cref="VaultKeySource.FromEnvironment"/> unless one is given. Every change rewrites the
/// whole file atomically (temporary file, flush, rename; mode 0600), keeps the previous file as <c>vault.json.bak</c>,
/// and happens under an exclusive lock between processes (<c>vault.json.lock</c>) after re-reading the file, so
/// concurrent writers do not lose each other's changes. A file that cannot be read is never overwritten. Changes
/// made by other processes are seen on the next call.</para>
/// <para>Thread-safe. Values are never logged, listed or part of an exception message. Dispose it when done.</para>
/// </remarks>
public sealed class CredentialVault : ICredentialStore, IDisposable
{
    /// <summary>The tenant of stdio mode, where the principal has none.</summary>
    public const string DefaultTenant = "default";

    /// <summary>What a value's name may look like, in words.</summary>
    public const string NameRule = "1-128 characters: letters, digits, '.', '_', ':', '/' and '-', starting with a letter or digit";

    /// <summary>The longest value, in characters.</summary>
    public const int MaxValueLength = 65536;

    private const string KeyFileKind = "key-file";

    private static readonly UTF8Encoding _utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly BastionPaths _paths;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private volatile VaultState _state;

    /// <summary>The state being written, so that a reader who sees the new file already knows its key (guarded by <see cref="_gate"/>).</summary>
    private VaultState? _committing;

    private CredentialVault(BastionPaths paths, VaultKeySource source)
    {
        _paths = paths;
        _state = VaultState.Missing(source);
    }

    /// <summary>The vault file.</summary>
    public string Path => _paths.VaultFile;

    /// <summary>How the vault's key was supplied when it was created or last re-keyed; null while there is no vault file.</summary>
    public VaultKeyKind? KeyKind => Current().Header is { } header ? VaultFormat.ParseKind(header.KeyKind) : null;

    /// <summary>Test hook: called with the path of a file about to be replaced, after its new content is on disk and before the rename.</summary>
    internal Func<string, CancellationToken, Task>? BeforeReplace { get; set; }

    /// <summary>The clock for created/updated times.</summary>
    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// Opens the vault of <paramref name="paths"/>' data directory with <paramref name="key"/>, or with the key the
    /// environment gives (<see cref="VaultKeySource.FromEnvironment"/>). A missing vault file is an empty vault; the file
    /// (and the key file, for a key-file key) is created by the first <see cref="SetAsync"/>.
    /// </summary>
    /// <exception cref="BastionException">The file cannot be read or is not a vault of this version; the key does not
    /// match the vault; the key file is accessible to others; <c>BASTION_VAULT_KEY</c> is not the base64 of 32 bytes.</exception>
    public static CredentialVault Open(BastionPaths paths, VaultKeySource? key = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        key ??= VaultKeySource.FromEnvironment(paths);
        if (key.Kind == VaultKeyKind.KeyFile && key.KeyFile != paths.VaultKeyFile)
        {
            throw new ArgumentException("The key file belongs to another data directory.", nameof(key));
        }

        var vault = new CredentialVault(paths, key);
        try
        {
            vault.Current();
            return vault;
        }
        catch
        {
            vault.Dispose();
            throw;
        }
    }

    /// <summary>How the key of the vault in <paramref name="paths"/> was supplied, read without any key; null when there is no vault file.</summary>
    /// <exception cref="BastionException">The file cannot be read or is not a vault of this version.</exception>
    public static VaultKeyKind? ReadKeyKind(BastionPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return File.Exists(paths.VaultFile) ? VaultFormat.ParseKind(VaultFormat.Parse(paths.VaultFile, ReadText(paths.VaultFile)).Header.KeyKind) : null;
    }

    /// <summary>Stores <paramref name="value"/> as <paramref name="name"/> of <paramref name="tenant"/>, replacing any value it had.</summary>
    /// <exception cref="BastionException">An invalid tenant, name or value (1 to <see cref="MaxValueLength"/> characters), or the vault cannot be written.</exception>
    public async Task SetAsync(string tenant, string name, string value, CancellationToken cancellationToken)
    {
        var plaintext = VaultNames.EntryPlaintext(tenant, name, value);

        try
        {
            await WriteAsync(
                async (state, token) =>
                {
                    var (header, key) = state.Header is { } existing ? (existing, state.Key!) : await CreateKeyAsync(state.Source, token);
                    var now = Clock.GetUtcNow();
                    var encrypted = VaultCipher.Seal(key, plaintext, VaultCipher.EntryData(tenant, name));
                    var created = state.Entries.TryGetValue((tenant, name), out var previous) ? previous.Created : now;
                    var entries = new Dictionary<(string, string), VaultEntry>(state.Entries)
                    {
                        [(tenant, name)] = new VaultEntry(tenant, name, encrypted.Nonce, encrypted.Ciphertext, encrypted.Tag, created, now),
                    };
                    await CommitAsync(new VaultState(header, entries, key, state.Source, default), token);
                    return true;
                },
                cancellationToken);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    /// <summary>The value of <paramref name="name"/> in <paramref name="tenant"/>, or null when there is none. Never another tenant's.</summary>
    /// <exception cref="BastionException">An invalid tenant or name; the stored value fails its integrity check (altered, or moved from another name or tenant).</exception>
    public string? Get(string tenant, string name)
    {
        VaultNames.ValidateTenant(tenant);
        VaultNames.ValidateName(name);
        var state = Current();
        return state.Entries.TryGetValue((tenant, name), out var entry) ? Decrypt(state, entry) : null;
    }

    /// <summary>The stored names of <paramref name="tenant"/> (every tenant when null), by tenant then name, with their times; never values.</summary>
    public IReadOnlyList<VaultItem> List(string? tenant = null)
    {
        if (tenant is not null)
        {
            VaultNames.ValidateTenant(tenant);
        }

        return
        [
            .. Current().Entries.Values
                .Where(e => tenant is null || e.Tenant == tenant)
                .OrderBy(e => e.Tenant, StringComparer.Ordinal)
                .ThenBy(e => e.Name, StringComparer.Ordinal)
                .Select(e => new VaultItem(e.Tenant, e.Name, e.Created, e.Updated)),
        ];
    }

    /// <summary>Removes <paramref name="name"/> of <paramref name="tenant"/>; false when there was no such value.</summary>
    /// <remarks>The previous file, with the value still encrypted in it, remains as <c>vault.json.bak</c> until the next change.</remarks>
    public Task<bool> RemoveAsync(string tenant, string name, CancellationToken cancellationToken)
    {
        VaultNames.ValidateTenant(tenant);
        VaultNames.ValidateName(name);
        return WriteAsync(
            async (state, token) =>
            {
                if (!state.Entries.ContainsKey((tenant, name)))
                {
                    return false;
                }

                var entries = new Dictionary<(string, string), VaultEntry>(state.Entries);
                entries.Remove((tenant, name));
                await CommitAsync(state with { Entries = entries }, token);
                return true;
            },
            cancellationToken);
    }

    /// <summary>
    /// Re-encrypts every value under a new key and writes the whole file atomically (the previous one is kept as
    /// <c>vault.json.bak</c>). For <see cref="VaultKeyKind.KeyFile"/>, a new random key replaces <c>vault.key</c>
    /// (written first as <c>vault.key.new</c>, installed once the vault is re-encrypted; the previous key file is kept
    /// as <c>vault.key.bak</c>, which opens <c>vault.json.bak</c>). For a passphrase, a new salt is drawn. When the old
    /// key was a key file and the new one is not, <c>vault.key</c> is renamed to <c>vault.key.bak</c>.
    /// </summary>
    /// <exception cref="BastionException">A stored value fails its integrity check (nothing is changed), the new passphrase is too short, or the vault cannot be written.</exception>
    public Task RotateKeyAsync(VaultKeySource newKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newKey);
        if (newKey.Kind == VaultKeyKind.KeyFile && newKey.KeyFile != _paths.VaultKeyFile)
        {
            throw new ArgumentException("The key file belongs to another data directory.", nameof(newKey));
        }

        if (newKey.Kind == VaultKeyKind.Passphrase)
        {
            RequireNewPassphrase(newKey);
        }

        return WriteAsync(
            async (state, token) =>
            {
                var plaintexts = new List<(VaultEntry Entry, byte[] Value)>();
                try
                {
                    foreach (var entry in state.Entries.Values)
                    {
                        plaintexts.Add((entry, DecryptBytes(state, entry)));
                    }

                    var keyFile = _paths.VaultKeyFile;
                    var pending = VaultKeyFile.PendingPath(keyFile);
                    byte[] key;
                    VaultHeader header;
                    switch (newKey.Kind)
                    {
                        case VaultKeyKind.Passphrase:
                            (header, key) = PassphraseKey(newKey);
                            break;
                        case VaultKeyKind.KeyFile:
                            key = RandomNumberGenerator.GetBytes(VaultKeySource.KeySize);
                            await VaultKeyFile.WriteAsync(pending, key, null, Hook(pending), token);
                            header = NewHeader(KeyFileKind, key);
                            break;
                        default:
                            key = newKey.Key!.ToArray();
                            header = NewHeader(VaultFormat.KindName(VaultKeyKind.Key), key);
                            break;
                    }

                    var entries = new Dictionary<(string, string), VaultEntry>();
                    foreach (var (entry, value) in plaintexts)
                    {
                        var encrypted = VaultCipher.Seal(key, value, VaultCipher.EntryData(entry.Tenant, entry.Name));
                        entries[(entry.Tenant, entry.Name)] = entry with { Nonce = encrypted.Nonce, Ciphertext = encrypted.Ciphertext, Tag = encrypted.Tag };
                    }

                    await CommitAsync(new VaultState(header, entries, key, newKey, default), token);
                    if (newKey.Kind == VaultKeyKind.KeyFile)
                    {
                        await VaultKeyFile.WriteAsync(keyFile, key, VaultKeyFile.BackupPath(keyFile), Hook(keyFile), token);
                        File.Delete(pending);
                    }
                    else if (state.Header?.KeyKind == KeyFileKind && File.Exists(keyFile))
                    {
                        File.Move(keyFile, VaultKeyFile.BackupPath(keyFile), overwrite: true);
                    }

                    return true;
                }
                finally
                {
                    foreach (var (_, value) in plaintexts)
                    {
                        CryptographicOperations.ZeroMemory(value);
                    }
                }
            },
            cancellationToken);
    }

    /// <summary>
    /// Every stored secret of every tenant, decrypted: for the <see cref="Redactor"/>'s known secrets. Settings kept
    /// beside them (see <see cref="IsSetting"/>) are left out: hiding a URL or a user name would blank out ordinary text.
    /// </summary>
    /// <exception cref="BastionException">A stored value fails its integrity check.</exception>
    public IReadOnlyList<string> AllValues()
    {
        var state = Current();
        return [.. state.Entries.Values.Where(e => !IsSetting(e.Name)).Select(e => Decrypt(state, e))];
    }

    /// <summary>
    /// True for names that hold settings rather than secrets: a last segment of <c>url</c>, <c>username</c>, <c>user</c>,
    /// <c>ssh-user</c>, <c>domain</c>, <c>email</c>, <c>region</c>, <c>workspace</c> or <c>workspaces</c> (e.g.
    /// <c>cloudstack/url</c>, <c>alpacon/workspaces</c>). They are stored encrypted like the rest but not redacted from
    /// output: a user name such as <c>ubuntu</c> would otherwise be blanked out of every answer (template names
    /// included). Each platform declares its names as settings or secrets beside the names themselves
    /// (<c>&lt;Platform&gt;Vault.Settings</c> and <c>.Secrets</c>), and a test holds those declarations to this rule.
    /// </summary>
    public static bool IsSetting(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name[(name.LastIndexOf('/') + 1)..] is "url" or "username" or "user" or "ssh-user" or "domain" or "email" or "region" or "workspace" or "workspaces";
    }

    /// <inheritdoc/>
    string ICredentialStore.Location => Path;

    /// <inheritdoc/>
    Task<string?> ICredentialStore.GetAsync(string tenant, string name, CancellationToken cancellationToken) => Task.FromResult(Get(tenant, name));

    /// <inheritdoc/>
    Task<IReadOnlyList<VaultItem>> ICredentialStore.ListAsync(string? tenant, CancellationToken cancellationToken) => Task.FromResult(List(tenant));

    public void Dispose() => _writeGate.Dispose();

    private static string ReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"The vault file {path} cannot be read: {e.Message}", e);
        }
    }

    private static VaultHeader NewHeader(string kind, byte[] key, VaultKdf? kdf = null) =>
        new(VaultFormat.Version, VaultFormat.Cipher, kind, VaultCipher.SealCheck(key, kind), kdf);

    private static void RequireNewPassphrase(VaultKeySource source)
    {
        if (source.Passphrase!.Length < VaultKeySource.MinimumNewPassphraseLength)
        {
            throw new BastionException($"A new vault passphrase must be at least {VaultKeySource.MinimumNewPassphraseLength} characters long; the one from {source.Origin} has {source.Passphrase.Length}.");
        }
    }

    private static (VaultHeader Header, byte[] Key) PassphraseKey(VaultKeySource source)
    {
        RequireNewPassphrase(source);
        var salt = RandomNumberGenerator.GetBytes(VaultCipher.SaltSize);
        var key = VaultCipher.Derive(source.Passphrase!, salt, VaultFormat.Iterations);
        var kdf = new VaultKdf(VaultFormat.KdfAlgorithm, VaultFormat.Iterations, Convert.ToBase64String(salt));
        return (NewHeader(VaultFormat.KindName(VaultKeyKind.Passphrase), key, kdf), key);
    }

    /// <summary>The key and header of a new vault file.</summary>
    private async Task<(VaultHeader Header, byte[] Key)> CreateKeyAsync(VaultKeySource source, CancellationToken cancellationToken)
    {
        switch (source.Kind)
        {
            case VaultKeyKind.Passphrase:
                return PassphraseKey(source);
            case VaultKeyKind.KeyFile:
                var key = VaultKeyFile.Read(source.KeyFile!);
                if (key is null)
                {
                    key = RandomNumberGenerator.GetBytes(VaultKeySource.KeySize);
                    await VaultKeyFile.WriteAsync(source.KeyFile!, key, null, Hook(source.KeyFile!), cancellationToken);
                }

                return (NewHeader(KeyFileKind, key), key);
            default:
                var raw = source.Key!.ToArray();
                return (NewHeader(VaultFormat.KindName(VaultKeyKind.Key), raw), raw);
        }
    }

    /// <summary>The state of the file on disk: the one in memory while the file is unchanged, else the file read again and its key checked.</summary>
    private VaultState Current()
    {
        var state = _state;
        if (state.Stamp == Stamp())
        {
            return state;
        }

        lock (_gate)
        {
            state = _state;
            var stamp = Stamp();
            if (state.Stamp == stamp)
            {
                return state;
            }

            if (stamp.Length < 0)
            {
                return _state = VaultState.Missing(state.Source);
            }

            var document = VaultFormat.Parse(Path, ReadText(Path));
            var header = document.Header;
            var known = _committing is { } committing && committing.Header == header ? committing
                : state.Header == header ? state
                : null;
            var source = known?.Source ?? state.Source;
            var key = known?.Key ?? ResolveKey(header, source);
            return _state = new VaultState(header, document.Entries.ToDictionary(e => (e.Tenant, e.Name)), key, source, stamp);
        }
    }

    private (DateTime Time, long Length) Stamp()
    {
        var info = new FileInfo(Path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    /// <summary>The key <paramref name="source"/> gives, checked against the header.</summary>
    private byte[] ResolveKey(VaultHeader header, VaultKeySource source)
    {
        var candidate = source.Kind switch
        {
            VaultKeyKind.Passphrase => header.Kdf is { } kdf ? VaultCipher.Derive(source.Passphrase!, Convert.FromBase64String(kdf.Salt), kdf.Iterations) : null,
            VaultKeyKind.KeyFile => VaultKeyFile.Read(source.KeyFile!),
            _ => source.Key,
        };
        if (candidate is not null && VaultCipher.Matches(candidate, header))
        {
            return candidate;
        }

        // A rotation to a new key file that was interrupted after the vault was re-encrypted: the new key is still in
        // vault.key.new (the next change installs it).
        if (source.Kind == VaultKeyKind.KeyFile && VaultKeyFile.Read(VaultKeyFile.PendingPath(source.KeyFile!)) is { } pending && VaultCipher.Matches(pending, header))
        {
            return pending;
        }

        throw Mismatch(header, source);
    }

    private BastionException Mismatch(VaultHeader header, VaultKeySource source)
    {
        var keyFile = _paths.VaultKeyFile;
        var how = VaultFormat.ParseKind(header.KeyKind) switch
        {
            VaultKeyKind.Key => $"it was created with a key given in {VaultKeySource.KeyVariable}: set {VaultKeySource.KeyVariable} to that key, the base64 of 32 bytes",
            VaultKeyKind.Passphrase => $"it was created with a passphrase: set {VaultKeySource.PassphraseVariable} to that passphrase" +
                (source.Kind == VaultKeyKind.Key ? $" and unset {VaultKeySource.KeyVariable}" : string.Empty),
            _ => File.Exists(keyFile)
                ? $"it was created with the key file {keyFile}: unset {VaultKeySource.KeyVariable} and {VaultKeySource.PassphraseVariable} so that the key file is used, or restore the right key file from your backup"
                : $"it was created with the key file {keyFile}, which is missing: restore it from your backup",
        };
        return new BastionException($"The vault key does not match this vault ({how}). Vault: {Path}; key tried: {source.Origin}.");
    }

    /// <summary>
    /// Runs <paramref name="change"/> on the current file under the in-process gate and the lock between processes,
    /// after removing temporary files left by a writer that died and settling an interrupted key rotation.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<VaultState, CancellationToken, Task<T>> change, CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken);
        try
        {
            if (!Directory.Exists(_paths.DataDirectory))
            {
                BastionPaths.EnsurePrivateDirectory(_paths.DataDirectory);
            }

            using var fileLock = await FileLock.AcquireAsync(Path + ".lock", "vault", cancellationToken);
            foreach (var stale in Directory.EnumerateFiles(_paths.DataDirectory, ".vault.*.tmp"))
            {
                File.Delete(stale);
            }

            var state = Current();
            await SettleKeyFileAsync(state, cancellationToken);
            return await change(state, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"The vault in {_paths.DataDirectory} cannot be written: {e.Message}. Each file there is whole, in its old or its new version.", e);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <summary>
    /// Installs <c>vault.key.new</c> when the vault is already encrypted under it (a rotation interrupted after the vault
    /// was written), and removes it otherwise (a rotation interrupted before).
    /// </summary>
    private async Task SettleKeyFileAsync(VaultState state, CancellationToken cancellationToken)
    {
        var keyFile = _paths.VaultKeyFile;
        var pendingPath = VaultKeyFile.PendingPath(keyFile);
        if (!File.Exists(pendingPath))
        {
            return;
        }

        if (state.Header is { KeyKind: KeyFileKind } header && VaultKeyFile.Read(pendingPath) is { } pending && VaultCipher.Matches(pending, header))
        {
            var current = VaultKeyFile.Read(keyFile);
            if (current is null || !CryptographicOperations.FixedTimeEquals(current, pending))
            {
                await VaultKeyFile.WriteAsync(keyFile, pending, VaultKeyFile.BackupPath(keyFile), Hook(keyFile), cancellationToken);
            }
        }

        File.Delete(pendingPath);
    }

    /// <summary>Writes <paramref name="next"/> to the file atomically, keeping the previous file as <c>vault.json.bak</c>, and makes it current.</summary>
    private async Task CommitAsync(VaultState next, CancellationToken cancellationToken)
    {
        var document = new VaultDocument(
            next.Header!,
            [.. next.Entries.Values.OrderBy(e => e.Tenant, StringComparer.Ordinal).ThenBy(e => e.Name, StringComparer.Ordinal)]);
        lock (_gate)
        {
            _committing = next;
        }

        try
        {
            await AtomicFile.WriteAllTextAsync(
                Path,
                VaultFormat.Serialize(document),
                new AtomicWriteOptions { Mode = VaultKeyFile.Mode, BackupPath = Path + ".bak", BeforeRename = Hook(Path) },
                cancellationToken);
            lock (_gate)
            {
                _state = next with { Stamp = Stamp() };
            }
        }
        finally
        {
            lock (_gate)
            {
                _committing = null;
            }
        }
    }

    private Func<string, CancellationToken, Task>? Hook(string destination) =>
        BeforeReplace is { } hook ? (_, token) => hook(destination, token) : null;

    private string Decrypt(VaultState state, VaultEntry entry)
    {
        var bytes = DecryptBytes(state, entry);
        try
        {
            return _utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new BastionException($"The value '{entry.Name}' of tenant '{entry.Tenant}' in {Path} is not UTF-8 text.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private byte[] DecryptBytes(VaultState state, VaultEntry entry) =>
        VaultCipher.TryOpen(state.Key!, entry.ToSealed(), VaultCipher.EntryData(entry.Tenant, entry.Name))
        ?? throw new BastionException(
            $"The value '{entry.Name}' of tenant '{entry.Tenant}' in {Path} failed its integrity check: its nonce, ciphertext or tag was " +
            $"altered, or it was moved from another name or tenant, so it cannot be decrypted. Set it again " +
            $"(`bastion vault set {entry.Name} --tenant {entry.Tenant}`), remove it, or restore {Path}.bak.");
}
