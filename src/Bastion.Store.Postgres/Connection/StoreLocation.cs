using Bastion.Core;
using Npgsql;

namespace Bastion.Store.Postgres.Connection;

/// <summary>
/// Where the shared store is: a <c>postgres://USER@HOST:PORT/DATABASE?sslmode=…</c> URL as given to <c>--store</c>
/// (or <c>BASTION_STORE</c>), and where its password comes from. The password is never part of the URL: it is read
/// from <c>--store-password-file</c>, else <c>PGPASSWORD</c>, else a pgpass file (<c>passfile=</c> in the URL,
/// <c>PGPASSFILE</c>, or <c>~/.pgpass</c>).
/// </summary>
public sealed class StoreLocation
{
    private static readonly Dictionary<string, string> _queryKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["passfile"] = "Passfile",
        ["application_name"] = "Application Name",
        ["connect_timeout"] = "Timeout",
        ["command_timeout"] = "Command Timeout",
        ["maxpoolsize"] = "Maximum Pool Size",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    private StoreLocation(string connectionString, string display)
    {
        ConnectionString = connectionString;
        Display = display;
    }

    /// <summary>The Npgsql connection string, with the password when one was read from a file.</summary>
    internal string ConnectionString { get; }

    /// <summary>The store as it may be shown and logged: <c>postgres://user@host:port/database</c>, never a password.</summary>
    public string Display { get; }

    /// <summary>The accepted shape, for error messages and help.</summary>
    public const string Syntax = "postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require&passfile=PATH&application_name=NAME]";

    /// <summary>Reads <paramref name="url"/> and, when given, the password in <paramref name="passwordFile"/> (its first line).</summary>
    /// <exception cref="BastionException">Not a postgres:// URL, a password in the URL, an unknown parameter, or an unreadable password file.</exception>
    public static StoreLocation Parse(string url, string? passwordFile = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql") || string.IsNullOrEmpty(uri.Host))
        {
            throw new BastionException($"--store '{Redact(url)}' is not a PostgreSQL URL. Accepted: {Syntax}.");
        }

        var userInfo = Uri.UnescapeDataString(uri.UserInfo);
        if (userInfo.Contains(':', StringComparison.Ordinal))
        {
            throw new BastionException(
                "--store must not carry a password (it would show in the process list and shell history). " +
                "Give it with --store-password-file FILE, the PGPASSWORD environment variable, or a pgpass file (passfile=PATH, PGPASSFILE or ~/.pgpass).");
        }

        var database = Uri.UnescapeDataString(uri.AbsolutePath.Trim('/'));
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host.Trim('[', ']'),
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = database.Length > 0 ? database : "bastion",
            Username = userInfo.Length > 0 ? userInfo : Environment.UserName,
            ApplicationName = "bastion",
        };
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var name = Uri.UnescapeDataString(parts[0]);
            var value = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty;
            if (name.Equals("password", StringComparison.OrdinalIgnoreCase))
            {
                throw new BastionException("--store must not carry a password; use --store-password-file FILE, PGPASSWORD or a pgpass file.");
            }

            if (!_queryKeys.TryGetValue(name, out var keyword))
            {
                throw new BastionException($"--store parameter '{name}' is not known. Accepted: {string.Join(", ", _queryKeys.Keys)}.");
            }

            try
            {
                builder[keyword] = value;
            }
            catch (Exception e) when (e is ArgumentException or FormatException)
            {
                throw new BastionException($"--store parameter '{name}={value}' is not valid: {e.Message}", e);
            }
        }

        if (passwordFile is not null)
        {
            try
            {
                builder.Password = File.ReadLines(passwordFile).FirstOrDefault()?.TrimEnd('\r')
                    ?? throw new BastionException($"The store password file {passwordFile} is empty.");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new BastionException($"The store password file {passwordFile} cannot be read: {e.Message}", e);
            }
        }

        return new StoreLocation(builder.ConnectionString, $"postgres://{builder.Username}@{uri.Authority[(uri.Authority.IndexOf('@', StringComparison.Ordinal) + 1)..]}/{builder.Database}");
    }

    /// <summary>A store from an Npgsql connection string (tests, and the library's own callers); shown without its password.</summary>
    public static StoreLocation FromConnectionString(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return new StoreLocation(builder.ConnectionString, $"postgres://{builder.Username}@{builder.Host}:{builder.Port}/{builder.Database}");
    }

    private static string Redact(string url)
    {
        var at = url.IndexOf('@', StringComparison.Ordinal);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && scheme > 0 && at > scheme ? url[..(scheme + 3)] + "…" + url[at..] : url;
    }
}
