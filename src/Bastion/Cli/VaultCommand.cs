using System.CommandLine;
using System.Globalization;
using Bastion.Core;
using Bastion.Core.Audit;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;
using Bastion.Store.Postgres;
using Bastion.Store.Postgres.Vault;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion vault set|list|remove|rotate-key</c>: the encrypted credentials vault in the data directory. Values are read
/// from stdin or a hidden prompt, never from the command line, and are never printed. With <c>--store</c> (or
/// <c>BASTION_STORE</c>), set, list and remove act on the shared store's vault instead, encrypted by Bastion with the same key.
/// </summary>
internal static class VaultCommand
{
    private static readonly Option<string> TenantOption = new("--tenant")
    {
        Description = $"Tenant the value belongs to (default: {CredentialVault.DefaultTenant}, the tenant of stdio mode); another tenant's values go to its own vault under tenants/.",
        DefaultValueFactory = _ => CredentialVault.DefaultTenant,
    };

    public static Command Create()
    {
        var command = new Command(
            "vault",
            "Manage credentials (SSH key passphrases, API keys, tokens) kept encrypted in vault.json in the data directory. " +
            $"The key comes from ${VaultKeySource.KeyVariable}, else ${VaultKeySource.PassphraseVariable}, else vault.key in the data directory.");
        command.Subcommands.Add(Set());
        command.Subcommands.Add(List());
        command.Subcommands.Add(Remove());
        command.Subcommands.Add(RotateKey());
        return command;
    }

    private static Command Set()
    {
        var name = new Argument<string>("name") { Description = $"Name of the value, e.g. cloudways/api-key ({CredentialVault.NameRule})." };

        // Not a way to give the value: it catches one given anyway, so that the refusal does not repeat it (the parser's
        // "unrecognized argument" error would). Hidden from the help, which says there is no such argument.
        var misplaced = new Argument<string[]>("value") { Arity = ArgumentArity.ZeroOrMore, Hidden = true };
        var command = new Command(
            "set",
            "Store a value under NAME, replacing any it had. The value is read from stdin when stdin is not a terminal " +
            "(`bastion vault set NAME < file`; one trailing newline is dropped), else from a hidden prompt. There is no " +
            "argument for the value: one on the command line would be kept in shell history and shown by ps.")
        {
            name, misplaced, TenantOption,
        };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(misplaced) is { Length: > 0 })
            {
                throw new BastionException(
                    "bastion vault set takes no value on the command line (shell history and ps would keep it): pipe it in " +
                    "(`bastion vault set NAME < file`) or type it at the prompt. Nothing was stored. If that was a real secret, consider it exposed.");
            }

            var tenant = parse.GetValue(TenantOption)!;
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            using var file = store is null ? CredentialVault.Open(PathsOf(parse, tenant), PromptedKey(PathsOf(parse, tenant))) : null;
            var vault = Open(parse, store, file);
            var valueName = parse.GetValue(name)!;
            var value = await ReadValueAsync(valueName, cancellationToken);
            await vault.SetAsync(tenant, valueName, value, cancellationToken);
            Console.Out.WriteLine($"Stored {valueName} (tenant {tenant}) in {vault.Location}.");
            return 0;
        });
        return command;
    }

    /// <summary>
    /// Where a tenant's values live: the default tenant's (stdio's) in the data directory's vault, an HTTP tenant's in
    /// its own data directory (<c>tenants/&lt;name&gt;/vault.json</c>), where the server reads them.
    /// </summary>
    private static BastionPaths PathsOf(ParseResult parse, string? tenant) =>
        tenant is null or CredentialVault.DefaultTenant ? ServerFlags.Paths(parse) : ServerFlags.Paths(parse).ForTenant(tenant);

    /// <summary>
    /// The vault acted on: the store's when one is given (every tenant in it, keyed as the data directory's vault is:
    /// <c>BASTION_VAULT_KEY</c>, <c>BASTION_VAULT_PASSPHRASE</c> or vault.key), else <paramref name="file"/>.
    /// </summary>
    private static ICredentialStore Open(ParseResult parse, PostgresStore? store, CredentialVault? file) =>
        store is null ? file! : new PostgresVault(store, PromptedKey(ServerFlags.Paths(parse)) ?? VaultKeySource.FromEnvironment(ServerFlags.Paths(parse)));

    private static Command List()
    {
        var tenant = new Option<string?>("--tenant") { Description = "This tenant's values, from its own vault (default: the data directory's vault)." };
        var command = new Command("list", "List stored names with their tenant and times. Values are never shown.") { tenant };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            using var file = store is null ? CredentialVault.Open(PathsOf(parse, parse.GetValue(tenant)), PromptedKey(PathsOf(parse, parse.GetValue(tenant)))) : null;
            var items = await Open(parse, store, file).ListAsync(parse.GetValue(tenant), cancellationToken);
            if (items.Count == 0)
            {
                Console.Out.WriteLine(parse.GetValue(tenant) is { } only ? $"No values stored for tenant {only}." : "The vault is empty.");
                return 0;
            }

            var table = new Table().AddColumns("tenant", "name", "created (UTC)", "updated (UTC)");
            foreach (var item in items)
            {
                table.AddRow(Markup.Escape(item.Tenant), Markup.Escape(item.Name), Time(item.Created), Time(item.Updated));
            }

            AnsiConsole.Write(table);
            return 0;
        });
        return command;
    }

    private static Command Remove()
    {
        var name = new Argument<string>("name") { Description = "Name of the value." };
        var command = new Command("remove", "Remove a stored value.") { name, TenantOption };
        StoreFlags.AddConnectionTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var tenant = parse.GetValue(TenantOption)!;
            await using var store = await StoreFlags.OpenAsync(parse, cancellationToken);
            using var file = store is null ? CredentialVault.Open(PathsOf(parse, tenant), PromptedKey(PathsOf(parse, tenant))) : null;
            var vault = Open(parse, store, file);
            var valueName = parse.GetValue(name)!;
            if (!await vault.RemoveAsync(tenant, valueName, cancellationToken))
            {
                throw new BastionException($"No value named {valueName} is stored for tenant {tenant}. See `bastion vault list`.");
            }

            Console.Out.WriteLine($"Removed {valueName} (tenant {tenant}).");
            return 0;
        });
        return command;
    }

    private static Command RotateKey()
    {
        var toPassphrase = new Option<bool>("--to-passphrase")
        {
            Description = $"Derive the new key from a new passphrase: ${VaultKeySource.NewPassphraseVariable}, else a hidden prompt.",
        };
        var toKeyFile = new Option<bool>("--to-key-file") { Description = "Use a new random key in vault.key in the data directory." };
        var command = new Command(
            "rotate-key",
            "Re-encrypt every value under a new key of the same kind as now (or the kind chosen). The previous vault is kept as " +
            "vault.json.bak, and a replaced key file as vault.key.bak.")
        {
            toPassphrase, toKeyFile,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(toPassphrase) && result.GetValue(toKeyFile))
            {
                result.AddError("Give at most one of --to-passphrase and --to-key-file.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = ServerFlags.Paths(parse);
            using var vault = CredentialVault.Open(paths, PromptedKey(paths));
            var previous = vault.KeyKind;
            var kind = parse.GetValue(toPassphrase) ? VaultKeyKind.Passphrase
                : parse.GetValue(toKeyFile) ? VaultKeyKind.KeyFile
                : previous switch
                {
                    null => throw new BastionException($"There is no vault yet ({paths.VaultFile}); `bastion vault set` creates one."),
                    VaultKeyKind.Key => throw new BastionException(
                        $"This vault's key was given in {VaultKeySource.KeyVariable}; choose --to-passphrase or --to-key-file."),
                    var same => same,
                };
            var newKey = kind == VaultKeyKind.Passphrase
                ? VaultKeySource.FromPassphrase(ReadNewPassphrase(), NewPassphraseOrigin())
                : VaultKeySource.FromKeyFile(paths);
            await vault.RotateKeyAsync(newKey, cancellationToken);
            var count = vault.List().Count;
            Console.Out.WriteLine(kind == VaultKeyKind.Passphrase
                ? $"Re-encrypted {count} value(s) under the new passphrase. From now on set {VaultKeySource.PassphraseVariable} to it" +
                    (IsSet(VaultKeySource.KeyVariable) ? $" and unset {VaultKeySource.KeyVariable}" : string.Empty) + "."
                : $"Re-encrypted {count} value(s) under a new key in {paths.VaultKeyFile}; back it up." +
                    (IsSet(VaultKeySource.KeyVariable) || IsSet(VaultKeySource.PassphraseVariable)
                        ? $" Unset {VaultKeySource.KeyVariable} and {VaultKeySource.PassphraseVariable} so that it is used."
                        : string.Empty));
            Console.Out.WriteLine($"The previous vault is {paths.VaultFile}.bak; it opens with the previous key" +
                (previous == VaultKeyKind.KeyFile ? $", now {paths.VaultKeyFile}.bak." : "."));
            if (File.Exists(new AuditOptions { Directory = paths.AuditDirectory }.KeyFilePath))
            {
                // The audit key rotates with the vault key; the chain records the change at its next entry.
                var auditKey = await AuditLog.RotateKeyAsync(new AuditOptions { Directory = paths.AuditDirectory }, TimeProvider.System, cancellationToken);
                Console.Out.WriteLine($"Added audit key {auditKey}; the next audit entry is keyed with it.");
            }

            return 0;
        });
        return command;
    }

    /// <summary>
    /// The key to open the vault with: null (the environment or the key file decide) unless the vault was made with a
    /// passphrase, none is in the environment, and a person is at the terminal to type it.
    /// </summary>
    internal static VaultKeySource? PromptedKey(BastionPaths paths)
    {
        if (IsSet(VaultKeySource.KeyVariable) || IsSet(VaultKeySource.PassphraseVariable) || Console.IsInputRedirected
            || CredentialVault.ReadKeyKind(paths) != VaultKeyKind.Passphrase)
        {
            return null;
        }

        var passphrase = AnsiConsole.Prompt(new TextPrompt<string>("Vault passphrase:").Secret());
        return VaultKeySource.FromPassphrase(passphrase, "the passphrase typed at the prompt");
    }

    private static string ReadNewPassphrase()
    {
        if (Environment.GetEnvironmentVariable(VaultKeySource.NewPassphraseVariable) is { Length: > 0 } fromEnvironment)
        {
            return fromEnvironment;
        }

        if (Console.IsInputRedirected)
        {
            throw new BastionException($"Set {VaultKeySource.NewPassphraseVariable} to the new passphrase, or run this at a terminal to be asked for it.");
        }

        return PromptTwice($"New vault passphrase (at least {VaultKeySource.MinimumNewPassphraseLength} characters):");
    }

    private static string NewPassphraseOrigin() =>
        IsSet(VaultKeySource.NewPassphraseVariable) ? VaultKeySource.NewPassphraseVariable : "the passphrase typed at the prompt";

    /// <summary>The value to store: all of stdin (less one trailing newline) when it is redirected, else typed twice at a hidden prompt.</summary>
    private static async Task<string> ReadValueAsync(string name, CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
        {
            return PromptTwice($"Value for [bold]{Markup.Escape(name)}[/]:");
        }

        var buffer = new char[CredentialVault.MaxValueLength + 3];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await Console.In.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        try
        {
            if (length == buffer.Length)
            {
                throw new BastionException($"The value on stdin is longer than {CredentialVault.MaxValueLength} characters.");
            }

            var end = length;
            if (end > 0 && buffer[end - 1] == '\n')
            {
                end--;
                if (end > 0 && buffer[end - 1] == '\r')
                {
                    end--;
                }
            }

            return end > 0
                ? new string(buffer, 0, end)
                : throw new BastionException("No value on stdin. Pipe it in (`bastion vault set NAME < file`), or run at a terminal to type it at a hidden prompt.");
        }
        finally
        {
            Array.Clear(buffer);
        }
    }

    private static string PromptTwice(string prompt)
    {
        var first = AnsiConsole.Prompt(new TextPrompt<string>(prompt).Secret());
        var second = AnsiConsole.Prompt(new TextPrompt<string>("Again, to confirm:").Secret());
        return first == second ? first : throw new BastionException("The two entries differ; nothing was changed.");
    }

    private static bool IsSet(string variable) => Environment.GetEnvironmentVariable(variable) is { Length: > 0 };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
