namespace Bastion.Core.Policy;

/// <summary>What a principal may do, in the style of <c>deploy:read</c> / <c>deploy:manage</c>.</summary>
public static class Scopes
{
    public const string HostsRead = "hosts:read";
    public const string MetricsRead = "metrics:read";
    public const string SystemRead = "system:read";
    public const string LogsRead = "logs:read";
    public const string FilesRead = "files:read";
    public const string FilesWrite = "files:write";
    public const string CommandsRun = "commands:run";
    public const string CommandsSudo = "commands:sudo";
    public const string PlatformRead = "platform:read";
    public const string PlatformManage = "platform:manage";
    public const string SecretsRead = "secrets:read";
    public const string AuditRead = "audit:read";
    public const string AlertsWrite = "alerts:write";

    /// <summary>Every scope at once.</summary>
    public const string Admin = "admin";

    /// <summary>All scopes, in documentation order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        HostsRead, MetricsRead, SystemRead, LogsRead, FilesRead, FilesWrite, CommandsRun, CommandsSudo,
        PlatformRead, PlatformManage, SecretsRead, AuditRead, AlertsWrite, Admin,
    ];

    /// <summary>The scopes a mode grants the local user when the configuration names none.</summary>
    public static IReadOnlySet<string> ForMode(Mode mode) => mode switch
    {
        Mode.ReadOnly => new HashSet<string>([HostsRead, MetricsRead, SystemRead, LogsRead, FilesRead, CommandsRun, PlatformRead, AuditRead], StringComparer.Ordinal),
        Mode.Operator => new HashSet<string>([HostsRead, MetricsRead, SystemRead, LogsRead, FilesRead, FilesWrite, CommandsRun, PlatformRead, PlatformManage, AuditRead, AlertsWrite], StringComparer.Ordinal),
        _ => new HashSet<string>(All, StringComparer.Ordinal),
    };

    /// <summary>Parses a comma-separated scope list.</summary>
    /// <exception cref="BastionException">An unknown scope; the message lists the known ones.</exception>
    public static IReadOnlySet<string> Parse(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var scopes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scope in list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!All.Contains(scope))
            {
                throw new BastionException($"Unknown scope '{scope}'. Known scopes: {string.Join(", ", All)}.");
            }

            scopes.Add(scope);
        }

        return scopes;
    }
}
