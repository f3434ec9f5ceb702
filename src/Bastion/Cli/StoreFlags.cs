using System.CommandLine;
using Bastion.Core.Configuration;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Audit;
using Bastion.Store.Postgres.Connection;

namespace Bastion.Cli;

/// <summary>
/// The shared store options: <c>--store postgres://…</c> (env <c>BASTION_STORE</c>), <c>--store-password-file</c>
/// (else <c>PGPASSWORD</c>, else a pgpass file) and <c>--store-audit-key</c>, on <c>serve</c>, <c>audit</c>,
/// <c>doctor</c> and <c>migrate</c>; the first two also on <c>vault</c>, <c>keys</c> and <c>hosts</c>.
/// </summary>
internal static class StoreFlags
{
    public static readonly Option<string?> Store = new("--store")
    {
        Description = $"Share state with other instances in PostgreSQL (HTTP mode): {StoreLocation.Syntax}. No password in the URL. Default: files in the data directory.",
    };

    public static readonly Option<string?> PasswordFile = new("--store-password-file")
    {
        Description = "File whose first line is the store's password (else $PGPASSWORD, else a pgpass file: passfile= in the URL, $PGPASSFILE, ~/.pgpass).",
    };

    public static readonly Option<string?> AuditKey = new("--store-audit-key")
    {
        Description = $"Keyring of the shared audit chains (default: {StoreAuditKeys.FileName} in the data directory; every instance needs the same file).",
    };

    /// <summary>Adds the three options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(PasswordFile);
        command.Options.Add(AuditKey);
    }

    /// <summary>Adds <c>--store</c> and <c>--store-password-file</c> (the verbs that keep state other than the audit chain).</summary>
    public static void AddConnectionTo(Command command)
    {
        command.Options.Add(Store);
        command.Options.Add(PasswordFile);
    }

    /// <summary>
    /// The store given, connected and with its schema brought to the version this Bastion builds (under the migration
    /// lock, as <c>serve</c> does); null without <c>--store</c>. Dispose it when done.
    /// </summary>
    /// <exception cref="Core.BastionException">A malformed URL, or the store cannot be reached, refuses the login, or is newer than this Bastion.</exception>
    public static async Task<PostgresStore?> OpenAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var store = Create(parse);
        if (store is null)
        {
            return null;
        }

        try
        {
            await store.MigrateAsync(null, cancellationToken);
            return store;
        }
        catch
        {
            await store.DisposeAsync();
            throw;
        }
    }

    /// <summary>True when a store was given.</summary>
    public static bool Requested(ParseResult parse) => !string.IsNullOrWhiteSpace(parse.GetValue(Store));

    /// <summary>The store keyring's path.</summary>
    public static string AuditKeyFile(ParseResult parse, BastionPaths paths) =>
        Path.GetFullPath(parse.GetValue(AuditKey) ?? Path.Combine(paths.DataDirectory, StoreAuditKeys.FileName));

    /// <summary>The store given, not yet connected; null without <c>--store</c>.</summary>
    /// <exception cref="Core.BastionException">A malformed URL, a password in it, or an unreadable password file.</exception>
    public static PostgresStore? Create(ParseResult parse) =>
        parse.GetValue(Store) is { Length: > 0 } url ? PostgresStore.Create(StoreLocation.Parse(url, parse.GetValue(PasswordFile))) : null;
}
