using System.CommandLine;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;
using Bastion.Core.Secrets.Vault;
using Bastion.Ssh;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion setup</c>: from install to a working client in a minute. Chooses hosts (the local one is always there; SSH
/// hosts added by hand or imported from ~/.ssh/config or an Ansible inventory), tests each (recording host keys), stores
/// credentials in the encrypted vault, picks the mode, and prints the client configuration. Every question has a flag, and <c>--yes</c> asks nothing, so scripts and
/// tests can drive it.
/// </summary>
internal static class SetupCommand
{
    private static readonly string[] Modes = ["read-only", "operator", "admin"];

    public static Command Create()
    {
        var addHost = new Option<string[]>("--add-host") { Description = "An SSH host as NAME=ADDRESS[,user=U][,port=P][,identity=FILE][,group=G…] (repeatable)." };
        var importSsh = new Option<string?>("--import-ssh-config") { Description = "Import the Host blocks of this ssh_config file (e.g. ~/.ssh/config).", Arity = ArgumentArity.ZeroOrOne };
        var importAnsible = new Option<string?>("--import-ansible") { Description = "Import an Ansible INI inventory." };
        var mode = new Option<string?>("--mode") { Description = "read-only (default), operator or admin." };
        mode.AcceptOnlyFromAmong(Modes);
        var client = new Option<string?>("--client") { Description = "Print the configuration for: claude-desktop (default), claude-code, cursor, vscode." };
        client.AcceptOnlyFromAmong([.. ClientConfig.Clients]);
        var sshConfig = new Option<string?>("--ssh-config") { Description = "ssh_config file for ssh -F when testing hosts (default: ~/.ssh/config)." };
        var credentials = new Option<string[]>("--credential") { Description = "Store a credential in the vault as NAME=ENVVAR: the value is read from environment variable ENVVAR, never from the command line (repeatable)." };
        var yes = new Option<bool>("--yes") { Description = "Ask nothing: use the flags and the defaults." };
        var command = new Command("setup", "Set Bastion up: hosts, host keys, mode, and the configuration to paste into your MCP client.")
        {
            addHost, importSsh, importAnsible, credentials, mode, client, sshConfig, yes,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var interactive = !parse.GetValue(yes) && !Console.IsInputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            var paths = ServerFlags.Paths(parse);
            paths.EnsureDataDirectory();
            var inventory = new FileInventory(paths);
            AnsiConsole.MarkupLine($"Bastion keeps its inventory, host keys and audit log in [bold]{Markup.Escape(paths.DataDirectory)}[/].");

            var hosts = new List<Host>();
            foreach (var spec in parse.GetValue(addHost) ?? [])
            {
                hosts.Add(ParseHost(spec));
            }

            if (parse.GetResult(importSsh) is not null)
            {
                hosts.AddRange(Report(SshConfigImporter.Import(parse.GetValue(importSsh) ?? DefaultSshConfig())));
            }

            if (parse.GetValue(importAnsible) is { } ansible)
            {
                hosts.AddRange(Report(AnsibleInventoryImporter.Parse(await File.ReadAllTextAsync(ansible, cancellationToken))));
            }

            if (interactive)
            {
                hosts.AddRange(AskForHosts());
            }

            var skipped = await inventory.AddManyAsync(hosts, cancellationToken);
            foreach (var name in skipped)
            {
                AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(name)}: already in the inventory.");
            }

            var ssh = inventory.Hosts.Where(h => h.Kind == HostKind.Ssh).ToList();
            if (ssh.Count > 0)
            {
                AnsiConsole.MarkupLine($"Testing {ssh.Count} SSH host(s); keys seen for the first time are shown and recorded:");
                var check = new HostCheck(new SshOptions { ConfigFile = parse.GetValue(sshConfig) }, paths);
                foreach (var result in await Task.WhenAll(ssh.Select(h => check.CheckAsync(h, cancellationToken))))
                {
                    AnsiConsole.MarkupLine(result.Ok
                        ? $"  [green]ok[/]     {Markup.Escape(result.Host)} ({Markup.Escape(result.Hostname ?? string.Empty)}) {Markup.Escape(string.Join(", ", result.Fingerprints))}"
                        : $"  [red]failed[/] {Markup.Escape(result.Host)}: {Markup.Escape(result.Error ?? string.Empty)}");
                }
            }

            await StoreCredentialsAsync(paths, parse.GetValue(credentials) ?? [], interactive, cancellationToken);

            var chosenMode = parse.GetValue(mode)
                ?? (interactive
                    ? AnsiConsole.Prompt(new SelectionPrompt<string>().Title("Which [bold]mode[/]? (read-only changes nothing; operator and admin ask before every change)").AddChoices(Modes))
                    : "read-only");
            var chosenClient = parse.GetValue(client)
                ?? (interactive
                    ? AnsiConsole.Prompt(new SelectionPrompt<string>().Title("Which [bold]MCP client[/] do you use?").AddChoices(ClientConfig.Clients))
                    : "claude-desktop");

            var arguments = new List<string> { "--data-dir", paths.DataDirectory };
            if (chosenMode != "read-only")
            {
                arguments.AddRange(["--mode", chosenMode]);
            }

            var (program, args) = ClientConfig.ServeCommand(arguments);
            AnsiConsole.MarkupLine($"Done: {inventory.Hosts.Count} host(s), mode [bold]{chosenMode}[/]. Your {chosenClient} configuration:");
            Console.Out.Write(ClientConfig.Render(chosenClient, program, args));
            return 0;
        });
        return command;
    }

    /// <summary>Parses <c>NAME=ADDRESS[,user=U][,port=P][,identity=FILE][,group=G…]</c>.</summary>
    /// <exception cref="BastionException">The spec is not of that form, or the host breaks the inventory's rules.</exception>
    internal static Host ParseHost(string spec)
    {
        var parts = spec.Split(',', StringSplitOptions.TrimEntries);
        var head = parts[0].Split('=', 2);
        if (head.Length != 2 || head[0].Length == 0 || head[1].Length == 0)
        {
            throw new BastionException($"--add-host '{spec}' is not NAME=ADDRESS[,user=U][,port=P][,identity=FILE][,group=G]; e.g. web-01=10.0.0.5,user=deploy,group=web.");
        }

        string? user = null, identity = null;
        int? port = null;
        var groups = new List<string>();
        foreach (var part in parts.Skip(1))
        {
            var kv = part.Split('=', 2);
            switch (kv)
            {
                case ["user", var u]: user = u; break;
                case ["identity", var i]: identity = i; break;
                case ["group", var g]: groups.Add(g); break;
                case ["port", var p] when int.TryParse(p, out var n): port = n; break;
                default: throw new BastionException($"--add-host '{spec}': '{part}' is not one of user=, port=, identity=, group=.");
            }
        }

        return InventoryFile.Validate(new Host(head[0], HostKind.Ssh, head[1], port, user, identity, null, groups, new Dictionary<string, string>()), "--add-host");
    }

    private static List<Host> AskForHosts()
    {
        var hosts = new List<Host>();
        var source = AnsiConsole.Prompt(new SelectionPrompt<string>()
            .Title("Which hosts should Bastion reach besides this machine?")
            .AddChoices("only this machine", "add SSH hosts by hand", "import ~/.ssh/config"));
        if (source == "import ~/.ssh/config")
        {
            hosts.AddRange(Report(SshConfigImporter.Import(DefaultSshConfig())));
        }

        while (source == "add SSH hosts by hand")
        {
            var name = AnsiConsole.Prompt(new TextPrompt<string>("Host name (e.g. web-01):").Validate(n => HostNames.IsValid(n) && !HostNames.Reserved.Contains(n), HostNames.Rule));
            var address = AnsiConsole.Prompt(new TextPrompt<string>("Address or DNS name:"));
            var user = AnsiConsole.Prompt(new TextPrompt<string>("SSH user (empty: yours):").AllowEmpty());
            var identity = AnsiConsole.Prompt(new TextPrompt<string>("Private key file (empty: ssh agent and ~/.ssh/config):").AllowEmpty());
            var group = AnsiConsole.Prompt(new TextPrompt<string>("Group (empty: none):").AllowEmpty());
            try
            {
                hosts.Add(InventoryFile.Validate(
                    new Host(name, HostKind.Ssh, address, null, user.Length == 0 ? null : user, identity.Length == 0 ? null : identity, null, group.Length == 0 ? [] : [group], new Dictionary<string, string>()),
                    "setup"));
            }
            catch (BastionException e)
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(e.Message)}[/]");
            }

            if (!AnsiConsole.Confirm("Add another host?", defaultValue: false))
            {
                break;
            }
        }

        return hosts;
    }

    private static async Task StoreCredentialsAsync(BastionPaths paths, IReadOnlyList<string> specs, bool interactive, CancellationToken cancellationToken)
    {
        var pending = new List<(string Name, string Value)>();
        foreach (var spec in specs)
        {
            var eq = spec.IndexOf('=', StringComparison.Ordinal);
            var value = eq > 0 ? Environment.GetEnvironmentVariable(spec[(eq + 1)..]) : null;
            if (value is null)
            {
                throw new BastionException($"--credential '{spec}' is not NAME=ENVVAR with ENVVAR set in the environment (values never come from the command line).");
            }

            pending.Add((spec[..eq], value));
        }

        if (interactive)
        {
            pending.AddRange(SetupPlatforms.Ask(name => Existing(paths, name)));
        }

        if (pending.Count == 0)
        {
            return;
        }

        using var vault = CredentialVault.Open(paths);
        foreach (var (name, value) in pending)
        {
            await vault.SetAsync(CredentialVault.DefaultTenant, name, value, cancellationToken);
            AnsiConsole.MarkupLine($"Stored [bold]{Markup.Escape(name)}[/] in the vault ({Markup.Escape(paths.VaultFile)}, key: {vault.KeyKind}).");
        }
    }

    private static string? Existing(BastionPaths paths, string name)
    {
        if (!File.Exists(paths.VaultFile))
        {
            return null;
        }

        using var vault = CredentialVault.Open(paths);
        return vault.Get(CredentialVault.DefaultTenant, name);
    }

    private static IReadOnlyList<Host> Report(ImportResult imported)
    {
        foreach (var reason in imported.Skipped)
        {
            AnsiConsole.MarkupLine($"[yellow]skipped[/] {Markup.Escape(reason)}");
        }

        return imported.Hosts;
    }

    private static string DefaultSshConfig() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "config");
}
