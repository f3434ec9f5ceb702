using System.CommandLine;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets.Vault;
using Bastion.Providers;
using Bastion.Providers.CloudStack;
using Bastion.Providers.CloudStack.Bootstrap;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion cloudstack bootstrap</c>: gives Bastion a CloudStack user of its own (see <see cref="CloudStackBootstrap"/>)
/// and stores its key pair in the vault under the names the CloudStack adapter reads, so that from then on Bastion signs
/// with that user's keys. The administrator's password is read from stdin or a hidden prompt and never stored.
/// </summary>
internal static class CloudStackCommand
{
    public static Command Create()
    {
        var command = new Command("cloudstack", "Apache CloudStack set-up.");
        command.Subcommands.Add(Bootstrap());
        return command;
    }

    private static Command Bootstrap()
    {
        var account = new Option<string>("--account") { Description = "The CloudStack account the service user belongs in (it must exist).", Required = true };
        var user = new Option<string>("--user") { Description = "The service user's name.", DefaultValueFactory = _ => "bastion" };
        var url = new Option<string?>("--url") { Description = $"The API endpoint, e.g. https://cloud.example.com/client/api (default: the vault's {CloudStackVault.Url})." };
        var username = new Option<string?>("--username") { Description = "An administrator's user name to log in with; the password is read from stdin or a hidden prompt. Without it, the domain administrator's key pair stored in the vault (cloudstack/api-key, cloudstack/secret-key) is used, and replaced by the service user's." };
        var domain = new Option<string?>("--domain") { Description = "The administrator's domain path for the login (default /, ROOT)." };
        var tenant = new Option<string>("--tenant") { Description = $"Tenant whose vault gets the keys (default: {CredentialVault.DefaultTenant}).", DefaultValueFactory = _ => CredentialVault.DefaultTenant };
        var bootstrap = new Command(
            "bootstrap",
            "Create (if missing) a dedicated CloudStack user for Bastion in an account, generate (or reuse) its API keys, check them with a signed call, and store them in the vault " +
            $"({CloudStackVault.Url}, {CloudStackVault.ApiKey}, {CloudStackVault.SecretKey}); a stored login ({CloudStackVault.Username}, {CloudStackVault.Password}, {CloudStackVault.Domain}) is removed. Running it again finds the same user.")
        {
            account, user, url, username, domain, tenant,
        };
        bootstrap.SetAction(async (parse, cancellationToken) =>
        {
            var tenantName = parse.GetValue(tenant)!;
            var root = ServerFlags.Paths(parse);
            var paths = tenantName == CredentialVault.DefaultTenant ? root : root.ForTenant(tenantName);
            using var vault = CredentialVault.Open(paths, VaultCommand.PromptedKey(paths));
            var endpointText = parse.GetValue(url) ?? vault.Get(tenantName, CloudStackVault.Url)
                ?? throw new BastionException($"Give --url (the API endpoint, e.g. https://cloud.example.com/client/api) or store {CloudStackVault.Url} in the vault first.");
            if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                throw new BastionException($"'{endpointText}' is not an http(s) URL; give the API endpoint, e.g. https://cloud.example.com/client/api.");
            }

            var login = parse.GetValue(username);
            var (apiKey, secretKey) = (vault.Get(tenantName, CloudStackVault.ApiKey), vault.Get(tenantName, CloudStackVault.SecretKey));
            if (login is null && (apiKey is null || secretKey is null))
            {
                throw new BastionException($"Give --username (an administrator; the password is read from stdin or a prompt), or store a domain administrator's key pair first ({CloudStackVault.ApiKey}, {CloudStackVault.SecretKey}). Nothing was changed.");
            }

            var password = login is null ? null : await ReadPasswordAsync(login, cancellationToken);
            var request = new CloudStackBootstrapRequest(endpoint, parse.GetValue(account)!, parse.GetValue(user)!, login, password, parse.GetValue(domain), login is null ? apiKey : null, login is null ? secretKey : null);
            CloudStackBootstrapResult result;
            try
            {
                result = await CloudStackBootstrap.RunAsync(request, cancellationToken: cancellationToken);
            }
            catch (PlatformException e)
            {
                throw new BastionException($"{e.Message} Nothing was stored.");
            }

            await vault.SetAsync(tenantName, CloudStackVault.Url, endpoint.ToString(), cancellationToken);
            await vault.SetAsync(tenantName, CloudStackVault.ApiKey, result.ApiKey, cancellationToken);
            await vault.SetAsync(tenantName, CloudStackVault.SecretKey, result.SecretKey, cancellationToken);
            var removed = new List<string>();
            foreach (var name in new[] { CloudStackVault.Username, CloudStackVault.Password, CloudStackVault.Domain })
            {
                if (await vault.RemoveAsync(tenantName, name, cancellationToken))
                {
                    removed.Add(name);
                }
            }

            Console.Out.WriteLine($"CloudStack user {result.Username} (id {result.UserId}) in account {result.Account}: {(result.Created ? "created" : "already there")}; API keys {(result.KeysGenerated ? "generated" : "reused")}; a call signed with them saw {result.Zones} zone(s).");
            Console.Out.WriteLine($"Stored {CloudStackVault.Url}, {CloudStackVault.ApiKey} and {CloudStackVault.SecretKey} (tenant {tenantName}) in {vault.Path}{(removed.Count > 0 ? $"; removed {string.Join(", ", removed)}" : string.Empty)}. Bastion now signs with {result.Username}'s keys.");
            return 0;
        });
        return bootstrap;
    }

    private static async Task<string> ReadPasswordAsync(string login, CancellationToken cancellationToken)
    {
        if (!Console.IsInputRedirected)
        {
            return AnsiConsole.Prompt(new TextPrompt<string>($"Password of {Markup.Escape(login)} (hidden):").Secret());
        }

        var line = await Console.In.ReadLineAsync(cancellationToken);
        return string.IsNullOrEmpty(line) ? throw new BastionException($"No password on stdin for {login}; pipe it in or run at a terminal to be asked. Nothing was changed.") : line;
    }
}
