using System.Security.Cryptography;
using System.Text;

namespace Bastion.Core.Configuration;

/// <summary>
/// Where Bastion keeps its state: one data directory (inventory, known_hosts), and a private directory for SSH
/// control sockets whose path is short enough for a Unix socket.
/// </summary>
public sealed class BastionPaths
{
    /// <summary>Environment variable that sets the data directory.</summary>
    public const string DataDirectoryVariable = "BASTION_DATA_DIR";

    private string? _controlDirectory;

    public BastionPaths(string dataDirectory)
        : this(dataDirectory, null)
    {
    }

    private BastionPaths(string dataDirectory, string? rootDataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        RootDataDirectory = rootDataDirectory ?? DataDirectory;
    }

    /// <summary>The data directory: <c>--data-dir</c>, else <c>$BASTION_DATA_DIR</c>, else <c>$XDG_DATA_HOME/bastion</c>, else <c>~/.local/share/bastion</c>.</summary>
    public string DataDirectory { get; }

    /// <summary>
    /// The server's own data directory: <see cref="DataDirectory"/>, or for a tenant's paths the directory that holds every
    /// tenant's (which no tool may read; see <c>PathGuard</c>).
    /// </summary>
    public string RootDataDirectory { get; }

    /// <summary>The inventory file (YAML) in the data directory.</summary>
    public string InventoryFile => Path.Combine(DataDirectory, "inventory.yaml");

    /// <summary>The known_hosts file Bastion manages: host keys recorded at first contact and checked on every connection.</summary>
    public string KnownHostsFile => Path.Combine(DataDirectory, "known_hosts");

    /// <summary>The credentials vault (encrypted values, JSON) in the data directory.</summary>
    public string VaultFile => Path.Combine(DataDirectory, "vault.json");

    /// <summary>The vault's key file (base64 of 32 random bytes, mode 0600), used when no key or passphrase is given in the environment.</summary>
    public string VaultKeyFile => Path.Combine(DataDirectory, "vault.key");

    /// <summary>The audit log's directory in the data directory.</summary>
    public string AuditDirectory => Path.Combine(DataDirectory, "audit");

    /// <summary>Directory (mode 0700) for SSH ControlMaster sockets; one per data directory.</summary>
    /// <remarks>Computed on first use: hashing loads OpenSSL, which a server that never reaches an SSH host need not do at start-up.</remarks>
    public string ControlDirectory => _controlDirectory ??= Path.Combine(
        Path.GetTempPath(),
        $"bastion-{Environment.UserName}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DataDirectory)))[..10]}");

    /// <summary>
    /// The data directory of <paramref name="tenant"/> on a shared HTTP server: <c>tenants/&lt;tenant&gt;</c> under this one,
    /// with its own inventory, known_hosts, vault, audit log and SSH control sockets.
    /// </summary>
    /// <exception cref="BastionException">The name is not a tenant name (see <see cref="TenantName.Rule"/>).</exception>
    public BastionPaths ForTenant(string tenant) => new(Path.Combine(DataDirectory, "tenants", TenantName.Validate(tenant)), RootDataDirectory);

    /// <summary>Paths from an explicit directory, or from the environment as <see cref="DataDirectory"/> describes.</summary>
    public static BastionPaths Resolve(string? dataDirectory = null)
    {
        if (!string.IsNullOrWhiteSpace(dataDirectory))
        {
            return new BastionPaths(dataDirectory);
        }

        if (Environment.GetEnvironmentVariable(DataDirectoryVariable) is { Length: > 0 } fromEnvironment)
        {
            return new BastionPaths(fromEnvironment);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        var baseDirectory = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share")
            : xdg;
        return new BastionPaths(Path.Combine(baseDirectory, "bastion"));
    }

    /// <summary>Creates the data directory, private (0700), when it does not exist yet; an existing one is left as it is.</summary>
    public void EnsureDataDirectory()
    {
        if (!Directory.Exists(DataDirectory))
        {
            EnsurePrivateDirectory(DataDirectory);
        }
    }

    /// <summary>Creates <paramref name="path"/> if missing and makes it private (0700).</summary>
    public static void EnsurePrivateDirectory(string path)
    {
        Directory.CreateDirectory(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
