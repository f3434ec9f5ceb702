using Bastion.Core;
using Bastion.Core.Audit;
using Bastion.Core.Configuration;

namespace Bastion.Store.Postgres.Audit;

/// <summary>
/// The keyring of the shared audit chains: a file in the format of <c>audit.key</c> (mode 0600), by default
/// <c>store-audit.key</c> in the data directory, that every instance sharing the store must hold a copy of, just as they
/// share the vault key. It stays outside the database, so whoever can write to the database cannot recompute a chain.
/// The newest key keys new entries; each entry and head names its key, so older keys still verify older entries.
/// </summary>
public static class StoreAuditKeys
{
    /// <summary>The default file name, in the data directory.</summary>
    public const string FileName = "store-audit.key";

    /// <summary>Creates the keyring at <paramref name="path"/> when there is none; returns the id of the key new entries use.</summary>
    /// <exception cref="AuditUnavailableException">The file exists and is not a private keyring, or cannot be written.</exception>
    public static async Task<string> EnsureAsync(string path, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(clock);
        path = Path.GetFullPath(path);
        try
        {
            using var guard = await FileLock.AcquireAsync(path + ".lock", "store audit keyring", cancellationToken);
            var keyring = AuditKeyring.Load(path);
            if (keyring is null)
            {
                keyring = AuditKeyring.Create(0, clock.GetUtcNow());
                await keyring.SaveAsync(path, cancellationToken);
            }

            return keyring.Keys[^1].Id;
        }
        catch (FormatException e)
        {
            throw new AuditUnavailableException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException || (e is BastionException && e is not AuditUnavailableException))
        {
            throw new AuditUnavailableException($"The store audit keyring {path} cannot be created: {e.Message}", e);
        }
    }

    /// <summary>The keyring at <paramref name="path"/>.</summary>
    /// <exception cref="AuditUnavailableException">There is none, or it cannot be used.</exception>
    internal static AuditKeyring Load(string path)
    {
        try
        {
            return AuditKeyring.Load(path)
                ?? throw new AuditUnavailableException($"There is no store audit keyring at {path}. Copy it from an instance that shares this store (every instance needs the same file), or start `bastion serve --http --store …` once to create it.");
        }
        catch (FormatException e)
        {
            throw new AuditUnavailableException(e.Message, e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AuditUnavailableException($"The store audit keyring {path} cannot be read: {e.Message}", e);
        }
    }
}
