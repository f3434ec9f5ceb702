using System.CommandLine;
using Bastion.Core.Configuration;
using Bastion.Core.FanOut;
using Bastion.Core.Logs;
using Bastion.Mcp;
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

    private static readonly Option<bool> AllowCommands = new("--allow-commands") { Description = "Serve commands_run, which runs commands on hosts." };
    private static readonly Option<bool> AllowFileTransfer = new("--allow-file-transfer") { Description = "Serve files_download, files_download_dir and files_upload." };
    private static readonly Option<int> Concurrency = new("--concurrency") { Description = "Hosts worked on at the same time in one call.", DefaultValueFactory = _ => 32 };
    private static readonly Option<int> MaxHosts = new("--max-hosts") { Description = "Most hosts one call may select.", DefaultValueFactory = _ => 256 };
    private static readonly Option<double> HostTimeout = new("--host-timeout") { Description = "Seconds one host may take in a call before it is reported as timed out.", DefaultValueFactory = _ => 120 };
    private static readonly Option<string?> SshConfig = new("--ssh-config") { Description = "ssh_config file for ssh -F (default: ~/.ssh/config)." };
    private static readonly Option<string[]> LogRoots = new("--log-root") { Description = "Directory the logs tools may read (repeatable). Default: /var/log.", AllowMultipleArgumentsPerToken = false };

    /// <summary>Adds the server options to <paramref name="command"/>.</summary>
    public static void AddTo(Command command)
    {
        foreach (var option in new Option[] { AllowCommands, AllowFileTransfer, Concurrency, MaxHosts, HostTimeout, SshConfig, LogRoots })
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
    public static BastionOptions Options(ParseResult parse) => new()
    {
        Paths = Paths(parse),
        AllowCommands = parse.GetValue(AllowCommands),
        AllowFileTransfer = parse.GetValue(AllowFileTransfer),
        FanOut = new FanOutOptions
        {
            Concurrency = parse.GetValue(Concurrency),
            MaxHosts = parse.GetValue(MaxHosts),
            HostTimeout = TimeSpan.FromSeconds(parse.GetValue(HostTimeout)),
        },
        Logs = parse.GetValue(LogRoots) is { Length: > 0 } roots ? new LogsOptions { AllowedRoots = roots } : new LogsOptions(),
    };

    /// <summary>How ssh is used, from the command line.</summary>
    public static SshOptions Ssh(ParseResult parse) => new() { ConfigFile = parse.GetValue(SshConfig) };
}
