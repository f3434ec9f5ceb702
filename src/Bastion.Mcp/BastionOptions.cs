using Bastion.Core.Configuration;
using Bastion.Core.FanOut;
using Bastion.Core.History;
using Bastion.Core.Files;
using Bastion.Core.Logs;
using Bastion.Core.Policy;
using Bastion.Mcp.Catalog;

namespace Bastion.Mcp;

/// <summary>What a Bastion server is allowed and where it keeps its state; set from the command line.</summary>
public sealed record BastionOptions
{
    /// <summary>The data directory and the files in it.</summary>
    public BastionPaths Paths { get; init; } = BastionPaths.Resolve();

    /// <summary>How much the server lets its principal change (<c>--mode</c>); read-only by default.</summary>
    public Mode Mode { get; init; } = Mode.ReadOnly;

    /// <summary>The local principal's scopes (<c>--scopes</c>); null: what <see cref="Mode"/> grants.</summary>
    public IReadOnlySet<string>? Scopes { get; init; }

    /// <summary>Which toolsets are served (<c>--toolsets</c>).</summary>
    public NameFilter Toolsets { get; init; } = NameFilter.All;

    /// <summary>Which tools are served (<c>--tools</c>).</summary>
    public NameFilter Tools { get; init; } = NameFilter.All;

    /// <summary>The command policy file; null: <c>policy.yaml</c> in the data directory (built-in rules only when it is missing).</summary>
    public string? PolicyFile { get; init; }

    /// <summary>How long a confirmation handle stays valid (5 minutes).</summary>
    public TimeSpan ConfirmationLifetime { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>What the logs tools may read.</summary>
    public LogsOptions Logs { get; init; } = new();

    /// <summary>Concurrency, host cap and per-host timeout of calls on many hosts.</summary>
    public FanOutOptions FanOut { get; init; } = new();

    /// <summary>How often the history collector samples hosts, and how long history is kept.</summary>
    public HistoryOptions History { get; init; } = new();

    /// <summary>Limits of file transfers.</summary>
    public FileTransferOptions Files { get; init; } = new();

    /// <summary>
    /// The tenant whose vault namespace platform credentials are read from: <c>default</c> for the local user, the
    /// tenant's name for an HTTP tenant's server (whose <see cref="Paths"/> are then the tenant's own).
    /// </summary>
    public string Tenant { get; init; } = Core.Secrets.Vault.CredentialVault.DefaultTenant;

    /// <summary>Whether the machine Bastion runs on is in the inventory as <c>local</c> (true, except for the tenants of a shared HTTP server that does not share its host).</summary>
    public bool LocalHost { get; init; } = true;

    /// <summary>The principal of a stdio server: the local user, with the configured scopes.</summary>
    public Principal LocalPrincipal() => new(LocalUserName, null, Scopes ?? Core.Policy.Scopes.ForMode(Mode), Mode);

    /// <summary>
    /// The name of the user the process runs as, read once: <see cref="Environment.UserName"/> looks the user up in the
    /// password database (<c>/etc/passwd</c>, opened and read) on every read, and the principal is asked for on calls.
    /// </summary>
    private static string LocalUserName => field ??= Environment.UserName;
}
