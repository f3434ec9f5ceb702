using System.CommandLine;
using System.Globalization;
using Bastion.Core;
using Bastion.Core.Inventory;
using Bastion.Core.Inventory.Import;
using Bastion.Ssh;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Inventory;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion hosts add|remove|list|show|test|import|forget-key</c>: the inventory in the data directory, and first
/// contact with hosts (their key fingerprints are shown and recorded). With <c>--store</c> (or <c>BASTION_STORE</c>) the
/// inventory and the recorded host keys are the shared store's (per tenant; <c>default</c>, the server's own principals,
/// without <c>--tenant</c>): ssh still reads a known_hosts file, so the store's keys are written to the data directory's file
/// before a connection and the keys it records are put back into the store after.
/// </summary>
internal static class HostsCommand
{
    public static Command Create()
    {
        var command = new Command("hosts", "Manage the inventory of SSH hosts (kept in inventory.yaml in the data directory; with --tenant, a shared HTTP server's tenant's own).")
        {
            Tenant,
        };
        command.Subcommands.Add(Add());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Test());
        command.Subcommands.Add(Import());
        command.Subcommands.Add(ForgetKey());
        return command;
    }

    private static readonly Option<string?> Tenant = new("--tenant")
    {
        Description = "Work on this tenant's inventory (and known_hosts) of a shared HTTP server, instead of the local user's.",
        Recursive = true,
    };

    /// <summary>The data directory whose inventory is managed: the tenant's, when --tenant is given.</summary>
    private static Core.Configuration.BastionPaths InventoryPaths(ParseResult parse) =>
        parse.GetValue(Tenant) is { } tenant ? ServerFlags.Paths(parse).ForTenant(tenant) : ServerFlags.Paths(parse);

    /// <summary>The inventory managed: a tenant's has no 'local' host (the server's own machine is not the tenant's).</summary>
    private static FileInventory Inventory(ParseResult parse) => new(InventoryPaths(parse), includeLocal: parse.GetValue(Tenant) is null);

    private static readonly Option<string?> SshConfigFile = new("--ssh-config") { Description = "ssh_config file for ssh -F (default: ~/.ssh/config)." };

    private static Command Add()
    {
        var name = new Argument<string>("name") { Description = "Inventory name, e.g. web-01 (" + HostNames.Rule + ")." };
        var address = new Option<string>("--address") { Description = "DNS name or IP address.", Required = true };
        var port = new Option<int?>("--port") { Description = "SSH port (default 22)." };
        var user = new Option<string?>("--user") { Description = "SSH user (default: yours, or ssh_config's)." };
        var identity = new Option<string?>("--identity") { Description = "Private key file (default: the ssh agent and ssh_config)." };
        var jump = new Option<string?>("--jump") { Description = "Jump host for ssh -J, e.g. admin@gateway." };
        var groups = new Option<string[]>("--group") { Description = "Group to put the host in (repeatable)." };
        var labels = new Option<string[]>("--label") { Description = "Label as key=value (repeatable)." };
        var noTest = new Option<bool>("--no-test") { Description = "Do not connect now (the host key is then recorded by a later `bastion hosts test`)." };
        var command = new Command("add", "Add an SSH host, then connect to it once to show and record its host key.")
        {
            name, address, port, user, identity, jump, groups, labels, noTest, SshConfigFile,
        };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var labelMap = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var label in parse.GetValue(labels) ?? [])
            {
                var eq = label.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new BastionException($"--label '{label}' is not key=value, e.g. env=prod.");
                }

                labelMap[label[..eq]] = label[(eq + 1)..];
            }

            var host = HostValidator.Validate(
                new Host(
                    parse.GetValue(name)!,
                    HostKind.Ssh,
                    parse.GetValue(address)!,
                    parse.GetValue(port),
                    parse.GetValue(user),
                    parse.GetValue(identity),
                    parse.GetValue(jump),
                    (parse.GetValue(groups) ?? []).Distinct(StringComparer.Ordinal).ToList(),
                    labelMap),
                "bastion hosts add");
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            if (store is not null)
            {
                await new PostgresInventory(store).AddAsync(StoreTenant(parse), host, cancellationToken);
                Console.Out.WriteLine($"Added {host.Name} ({host.Address}) to tenant '{StoreTenant(parse)}' in {store.Location.Display}.");
                return parse.GetValue(noTest) ? 0 : await TestAsync(parse, store, [host], cancellationToken);
            }

            var inventory = Inventory(parse);
            await inventory.AddAsync(host, cancellationToken);
            Console.Out.WriteLine($"Added {host.Name} ({host.Address}) to {inventory.Path}.");
            return parse.GetValue(noTest) ? 0 : await TestAsync(parse, null, [host], cancellationToken);
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "Inventory name of the host." };
        var forget = new Option<bool>("--forget-key") { Description = "Also forget its recorded host key." };
        var command = new Command("remove", "Remove a host from the inventory.") { name, forget, SshConfigFile };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            if (store is not null)
            {
                var stored = await StoreHostAsync(parse, store, parse.GetValue(name)!, cancellationToken);
                await new PostgresInventory(store).RemoveAsync(StoreTenant(parse), stored.Name, cancellationToken);
                var forgotStored = parse.GetValue(forget) && await ForgetStoredKeyAsync(parse, store, stored, cancellationToken);
                Console.Out.WriteLine($"Removed {stored.Name}{(forgotStored ? " and forgot its host key" : string.Empty)}.");
                return 0;
            }

            var inventory = Inventory(parse);
            var host = inventory.Get(parse.GetValue(name)!);
            await inventory.RemoveAsync(host.Name, cancellationToken);
            var forgot = parse.GetValue(forget) && await Check(parse).ForgetKeyAsync(host, cancellationToken);
            Console.Out.WriteLine($"Removed {host.Name}{(forgot ? " and forgot its host key" : string.Empty)}.");
            return 0;
        });
        return command;
    }

    private static Command List()
    {
        var target = new Argument<string>("target") { Description = "Which hosts: " + TargetSelector.Grammar + ".", DefaultValueFactory = _ => "all" };
        var command = new Command("list", "List hosts with their address, user, groups and labels, as the hosts_list tool sees them (the inventory file's and the configured hosting platforms'), then the inventory entries skipped as invalid and why.") { target, SshConfigFile };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            if (store is not null)
            {
                var stored = await new PostgresInventory(store).ListAsync(StoreTenant(parse), cancellationToken);
                AnsiConsole.Write(HostTable(stored.Count == 0 ? [] : TargetSelector.Resolve(parse.GetValue(target), stored, int.MaxValue)));
                return 0;
            }

            // The same merged inventory the tools resolve targets in, brought up to date as a tool call does.
            await using var services = Composition.Inventory(ServerFlags.Paths(parse), parse.GetValue(Tenant), new SshOptions { ConfigFile = parse.GetValue(SshConfigFile) });
            var inventory = services.GetRequiredService<IInventory>();
            await inventory.RefreshAsync(cancellationToken);
            var file = services.GetRequiredService<FileInventory>();
            var hosts = inventory.Hosts;
            IReadOnlyList<Host> selected = hosts.Count == 0 ? [] : TargetSelector.Resolve(parse.GetValue(target), hosts, int.MaxValue);
            AnsiConsole.Write(HostTable(selected));
            foreach (var entry in file.Invalid)
            {
                Console.Out.WriteLine($"invalid: {entry.Describe(file.Path)}");
            }

            foreach (var note in inventory.Notes.Except(file.Notes))
            {
                Console.Out.WriteLine($"note: {note}");
            }

            return 0;
        });
        return command;
    }

    private static Command Show()
    {
        var name = new Argument<string>("name") { Description = "Inventory name of the host." };
        var command = new Command("show", "Show one host and its recorded host key fingerprints.") { name, SshConfigFile };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            var host = store is null ? Inventory(parse).Get(parse.GetValue(name)!) : await StoreHostAsync(parse, store, parse.GetValue(name)!, cancellationToken);
            if (store is not null)
            {
                await SyncKnownHostsAsync(parse, store, cancellationToken);
            }

            var grid = new Table().HideHeaders().AddColumns("field", "value");
            grid.AddRow("name", Markup.Escape(host.Name));
            grid.AddRow("kind", host.Kind.ToString().ToLowerInvariant());
            grid.AddRow("address", Markup.Escape(host.Address));
            grid.AddRow("port", host.Port?.ToString(CultureInfo.InvariantCulture) ?? "22 (default)");
            grid.AddRow("user", Markup.Escape(host.User ?? "(default)"));
            grid.AddRow("identity_file", Markup.Escape(host.IdentityFile ?? "(agent / ssh_config)"));
            grid.AddRow("jump", Markup.Escape(host.Jump ?? "(none)"));
            grid.AddRow("groups", Markup.Escape(string.Join(", ", host.Groups)));
            grid.AddRow("labels", Markup.Escape(string.Join(", ", host.Labels.Select(l => $"{l.Key}={l.Value}"))));
            var keys = host.Kind == HostKind.Local ? [] : await Check(parse).FingerprintsAsync(host, cancellationToken);
            grid.AddRow("host keys", Markup.Escape(keys.Count == 0 ? "(none recorded; run bastion hosts test)" : string.Join("\n", keys)));
            AnsiConsole.Write(grid);
            return 0;
        });
        return command;
    }

    private static Command Test()
    {
        var target = new Argument<string>("target") { Description = "Which hosts: " + TargetSelector.Grammar + ".", DefaultValueFactory = _ => "all" };
        var command = new Command("test", "Connect to hosts: show whether each answers, and show and record host keys seen for the first time.") { target, SshConfigFile };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            var hosts = store is null ? Inventory(parse).Hosts : await new PostgresInventory(store).ListAsync(StoreTenant(parse), cancellationToken);
            return await TestAsync(parse, store, TargetSelector.Resolve(parse.GetValue(target), hosts, int.MaxValue), cancellationToken);
        });
        return command;
    }

    private static Command Import()
    {
        var sshConfig = new Option<string?>("--ssh-config") { Description = "Import the Host blocks of this ssh_config file (wildcard patterns are skipped).", Arity = ArgumentArity.ZeroOrOne };
        var ansible = new Option<string?>("--ansible") { Description = "Import an Ansible INI inventory: groups, children, ansible_host, ansible_port, ansible_user." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would be imported without changing the inventory." };
        var command = new Command("import", "Import hosts from an ssh_config file or an Ansible INI inventory; hosts whose names exist already are skipped.")
        {
            sshConfig, ansible, dryRun,
        };
        StoreFlags.AddConnectionTo(command);
        command.Validators.Add(result =>
        {
            if ((result.GetResult(sshConfig) is null) == (result.GetResult(ansible) is null))
            {
                result.AddError("Give exactly one of --ssh-config [PATH] (default ~/.ssh/config) and --ansible PATH.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            ImportResult imported;
            if (parse.GetResult(sshConfig) is not null)
            {
                var path = parse.GetValue(sshConfig) ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ssh", "config");
                imported = SshConfigImporter.Import(path);
            }
            else
            {
                var path = parse.GetValue(ansible)!;
                imported = File.Exists(path)
                    ? AnsibleInventoryImporter.Parse(await File.ReadAllTextAsync(path, cancellationToken))
                    : throw new BastionException($"Ansible inventory '{path}' does not exist.");
            }

            foreach (var reason in imported.Skipped)
            {
                Console.Out.WriteLine($"skipped: {reason}");
            }

            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            var inventory = store is null ? Inventory(parse) : null;
            var existing = inventory?.Hosts ?? await new PostgresInventory(store!).ListAsync(StoreTenant(parse), cancellationToken);
            var taken = existing.Select(h => h.Name).ToHashSet(StringComparer.Ordinal);
            var fresh = imported.Hosts.Where(h => !taken.Contains(h.Name)).ToList();
            foreach (var host in imported.Hosts.Where(h => taken.Contains(h.Name)))
            {
                Console.Out.WriteLine($"skipped: '{host.Name}' is already in the inventory.");
            }

            foreach (var host in fresh)
            {
                Console.Out.WriteLine($"{(parse.GetValue(dryRun) ? "would add" : "added")}: {host.Name} ({host.User}{(host.User is null ? string.Empty : "@")}{host.Address}{(host.Port is { } p ? $":{p}" : string.Empty)}){(host.Groups.Count > 0 ? $" groups: {string.Join(", ", host.Groups)}" : string.Empty)}");
            }

            var into = inventory?.Path ?? $"tenant '{StoreTenant(parse)}' in {store!.Location.Display}";
            if (!parse.GetValue(dryRun) && fresh.Count > 0)
            {
                if (inventory is not null)
                {
                    await inventory.AddManyAsync(fresh, cancellationToken);
                }
                else
                {
                    // One transaction; a host another run added meanwhile is skipped, not an error.
                    var added = await new PostgresInventory(store!).InsertManyAsync(StoreTenant(parse), fresh, cancellationToken);
                    foreach (var host in fresh.Where(h => !added.Contains(h.Name)))
                    {
                        Console.Out.WriteLine($"skipped: '{host.Name}' was added to the store meanwhile.");
                    }

                    fresh = [.. fresh.Where(h => added.Contains(h.Name))];
                }
            }

            Console.Out.WriteLine($"{fresh.Count} host(s) {(parse.GetValue(dryRun) ? "would be " : string.Empty)}imported into {into}. Run `bastion hosts test{(store is null ? string.Empty : " --store …")}` to connect and record their host keys.");
            return 0;
        });
        return command;
    }

    private static Command ForgetKey()
    {
        var name = new Argument<string>("name") { Description = "Inventory name of the host." };
        var command = new Command("forget-key", "Forget a host's recorded host key (after a legitimate change, e.g. a reinstall), and close its connection.") { name, SshConfigFile };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            var host = store is null ? Inventory(parse).Get(parse.GetValue(name)!) : await StoreHostAsync(parse, store, parse.GetValue(name)!, cancellationToken);
            var forgot = store is null ? await Check(parse).ForgetKeyAsync(host, cancellationToken) : await ForgetStoredKeyAsync(parse, store, host, cancellationToken);
            Console.Out.WriteLine(forgot
                ? $"Forgot the host key of {host.Name}. Run `bastion hosts test {host.Name}` to record the new one after checking its fingerprint."
                : $"No host key was recorded for {host.Name}.");
            return 0;
        });
        return command;
    }

    private static HostCheck Check(ParseResult parse) =>
        new(new SshOptions { ConfigFile = parse.GetValue(SshConfigFile) }, InventoryPaths(parse));

    /// <summary>The store's tenant of these verbs: --tenant's, else the server's own principals' (<c>default</c>, as their audit chain and vault).</summary>
    private static string StoreTenant(ParseResult parse) => parse.GetValue(Tenant) ?? Core.Secrets.Vault.CredentialVault.DefaultTenant;

    private static async Task<Host> StoreHostAsync(ParseResult parse, PostgresStore store, string name, CancellationToken cancellationToken)
    {
        var hosts = await new PostgresInventory(store).ListAsync(StoreTenant(parse), cancellationToken);
        return hosts.FirstOrDefault(h => h.Name == name) ?? throw new UnknownHostException(name, hosts.Select(h => h.Name));
    }

    /// <summary>
    /// Makes the store's host keys of the tenant and the data directory's known_hosts file hold the same keys: the file's
    /// keys go into the store, then the store's are written to the file (which ssh reads and records into).
    /// </summary>
    private static async Task SyncKnownHostsAsync(ParseResult parse, PostgresStore store, CancellationToken cancellationToken)
    {
        var knownHosts = new PostgresKnownHosts(store);
        var file = InventoryPaths(parse).KnownHostsFile;
        if (File.Exists(file))
        {
            await knownHosts.AddAsync(StoreTenant(parse), await File.ReadAllLinesAsync(file, cancellationToken), cancellationToken);
        }

        InventoryPaths(parse).EnsureDataDirectory();
        await knownHosts.WriteFileAsync(StoreTenant(parse), file, cancellationToken);
    }

    /// <summary>Forgets <paramref name="host"/>'s keys in the store and in the data directory's file; true when any was recorded.</summary>
    private static async Task<bool> ForgetStoredKeyAsync(ParseResult parse, PostgresStore store, Host host, CancellationToken cancellationToken)
    {
        var forgot = await new PostgresKnownHosts(store).ForgetAsync(StoreTenant(parse), KnownHosts.Lookup(host), cancellationToken) > 0;
        return await Check(parse).ForgetKeyAsync(host, cancellationToken) | forgot;
    }

    private static Table HostTable(IReadOnlyList<Host> hosts)
    {
        var table = new Table().AddColumns("name", "address", "port", "user", "groups", "labels");
        foreach (var host in hosts)
        {
            table.AddRow(
                Markup.Escape(host.Name),
                Markup.Escape(host.Address),
                host.Port?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                Markup.Escape(host.User ?? string.Empty),
                Markup.Escape(string.Join(", ", host.Groups)),
                Markup.Escape(string.Join(", ", host.Labels.Select(l => $"{l.Key}={l.Value}"))));
        }

        return table;
    }

    private static async Task<int> TestAsync(ParseResult parse, PostgresStore? store, IReadOnlyList<Host> hosts, CancellationToken cancellationToken)
    {
        if (store is not null)
        {
            await SyncKnownHostsAsync(parse, store, cancellationToken);
        }

        var check = Check(parse);
        var results = await Task.WhenAll(hosts.Select(h => check.CheckAsync(h, cancellationToken)));
        if (store is not null)
        {
            await SyncKnownHostsAsync(parse, store, cancellationToken);
        }

        var table = new Table().AddColumns("host", "status", "seconds", "hostname", "host key");
        foreach (var r in results)
        {
            table.AddRow(
                Markup.Escape(r.Host),
                r.Ok ? "ok" : "failed",
                r.Seconds.ToString("0.000", CultureInfo.InvariantCulture),
                Markup.Escape(r.Hostname ?? string.Empty),
                Markup.Escape(r.Ok ? string.Join("\n", r.Fingerprints) : r.Error ?? string.Empty));
        }

        AnsiConsole.Write(table);
        return results.All(r => r.Ok) ? 0 : 1;
    }
}
