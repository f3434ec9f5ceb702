using System.CommandLine;
using Bastion.Core.Configuration;
using Bastion.Core.FanOut;
using Bastion.Core.Logs;
using Bastion.Core.Policy;
using Bastion.Mcp;
using Bastion.Mcp.Catalog;
using Bastion.Ssh;

namespace Bastion.Cli;

/// <summary>The options that shape a server; <c>serve</c>, <c>tools</c> and <c>call</c> take the same ones.</summary>
internal static class ServerFlags
{
    public static readonly Option<string?> DataDirectory = new("--data-dir")
    {
        Description = $"Bastion's data directory (inventory.yaml, known_hosts). Default: ${BastionPaths.DataDirectoryVariable}, else $XDG_DATA_HOME/bastion, else ~/.local/share/bastion.",
        Recursive = true,
    };

    private static readonly Option<Mode> ModeOption = new("--mode")
    {
        Description = "read-only (default): read-only tools and read-only commands only. operator: also tools and commands that change things, each after confirmation. admin: any command no rule denies, after confirmation.",
        DefaultValueFactory = _ => Mode.ReadOnly,
        CustomParser = r => r.Tokens.Single().Value.ToLowerInvariant() switch
        {
            "read-only" or "readonly" => Mode.ReadOnly,
            "operator" => Mode.Operator,
            "admin" => Mode.Admin,
            var other => Fail<Mode>(r, $"--mode '{other}' is not a mode. Accepted: read-only, operator, admin."),
        },
    };

    private static readonly Option<string?> ScopesOption = new("--scopes") { Description = "The local user's scopes, comma-separated (default: what --mode grants): " + string.Join(", ", Scopes.All) + "." };
    private static readonly Option<string?> ToolsetsOption = new("--toolsets") { Description = "Toolsets to serve, comma-separated; prefix with - to leave one out (e.g. -transfer): " + string.Join(", ", ToolCatalog.ToolsetNamesOf(Composition.Toolsets)) + "." };
    private static readonly Option<string?> ToolsOption = new("--tools") { Description = "Tools to serve, comma-separated; prefix with - to leave one out (e.g. -commands_run)." };
    private static readonly Option<string?> PolicyOption = new("--policy") { Description = "Command policy file (YAML; default: policy.yaml in the data directory; see docs/security.md)." };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Hosts worked on at the same time in one call.", DefaultValueFactory = _ => 32 };
    private static readonly Option<int> MaxHosts = new("--max-hosts") { Description = "Most hosts one call may select.", DefaultValueFactory = _ => 256 };
    private static readonly Option<double> HostTimeout = new("--host-timeout") { Description = "Seconds one host may take in a call before it is reported as timed out.", DefaultValueFactory = _ => 120 };
    private static readonly Option<string?> SshConfig = new("--ssh-config") { Description = "ssh_config file for ssh -F (default: ~/.ssh/config)." };
    private static readonly Option<string[]> LogRoots = new("--log-root") { Description = "Directory the logs tools may read (repeatable). Default: /var/log.", AllowMultipleArgumentsPerToken = false };

    /// <summary>Adds the server options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { ModeOption, ScopesOption, ToolsetsOption, ToolsOption, PolicyOption, Concurrency, MaxHosts, HostTimeout, SshConfig, LogRoots })
        {
            command.Options.Add(option);
        }

    }

    static ServerFlags()
    {
        Concurrency.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--concurrency must be at least 1."); } });
        MaxHosts.Validators.Add(r => { if (r.GetValueOrDefault<int>() < 1) { r.AddError("--max-hosts must be at least 1."); } });
        HostTimeout.Validators.Add(r => { if (r.GetValueOrDefault<double>() <= 0) { r.AddError("--host-timeout must be more than 0 seconds."); } });
    }

    /// <summary>The data directory's paths.</summary>
    public static BastionPaths Paths(ParseResult parse) => BastionPaths.Resolve(parse.GetValue(DataDirectory));

    /// <summary>The server's options from the command line.</summary>
    /// <exception cref="Core.BastionException">An unknown scope, toolset or tool.</exception>
    public static BastionOptions Options(ParseResult parse) => new()
    {
        Paths = Paths(parse),
        Mode = parse.GetValue(ModeOption),
        Scopes = parse.GetValue(ScopesOption) is { } scopes ? Scopes.Parse(scopes) : null,
        Toolsets = NameFilter.Parse(parse.GetValue(ToolsetsOption), ToolCatalog.ToolsetNamesOf(Composition.Toolsets), "toolset"),
        Tools = NameFilter.Parse(parse.GetValue(ToolsOption), ToolCatalog.ToolNamesOf(Composition.Toolsets), "tool"),
        PolicyFile = parse.GetValue(PolicyOption),
        FanOut = new FanOutOptions
        {
            Concurrency = parse.GetValue(Concurrency),
            MaxHosts = parse.GetValue(MaxHosts),
            HostTimeout = TimeSpan.FromSeconds(parse.GetValue(HostTimeout)),
        },
        History = HistoryFlags.Options(parse),
        Logs = parse.GetValue(LogRoots) is { Length: > 0 } roots ? new LogsOptions { AllowedRoots = roots } : new LogsOptions(),
    };

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>How ssh is used, from the command line.</summary>
    public static SshOptions Ssh(ParseResult parse) => new() { ConfigFile = parse.GetValue(SshConfig) };
}
