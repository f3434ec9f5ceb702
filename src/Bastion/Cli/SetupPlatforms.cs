using Bastion.Providers.Alpacon;
using Bastion.Providers.CloudStack;
using Bastion.Providers.Cloudways;
using Bastion.Providers.WebOps;
using Spectre.Console;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion setup</c>'s questions for a hosting platform's credentials, asked by platform and stored under the vault
/// names its adapter reads (secrets typed hidden): Alpacon (workspace, region, token), Cloudways (email, API key),
/// CloudStack (API URL, API key, secret key), WebOps (URL, API token).
/// </summary>
internal static class SetupPlatforms
{
    private const string Done = "no more platforms";

    /// <summary>Asks for platforms until the user is done; <paramref name="existing"/> answers the vault's value of a name (for the Alpacon workspace list).</summary>
    public static List<(string Name, string Value)> Ask(Func<string, string?> existing)
    {
        var pending = new List<(string Name, string Value)>();
        while (true)
        {
            var platform = AnsiConsole.Prompt(new SelectionPrompt<string>()
                .Title("Add a hosting platform's credentials? (stored encrypted in the vault; `bastion import` brings those of alpacon-mcp and the other seed servers)")
                .AddChoices(Done, "Alpacon", "Cloudways", "CloudStack", "WebOps"));
            switch (platform)
            {
                case "Alpacon":
                    var workspace = AnsiConsole.Prompt(new TextPrompt<string>("Alpacon workspace (e.g. acme):").Validate(w => w.Length > 0 && w.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'), "lowercase letters, digits and '-'"));
                    var region = AnsiConsole.Prompt(new TextPrompt<string>("Region:").DefaultValue("ap1"));
                    var list = pending.LastOrDefault(p => p.Name == AlpaconVault.Workspaces).Value ?? existing(AlpaconVault.Workspaces);
                    pending.Add((AlpaconVault.Workspaces, string.Join(',', (list ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Append(workspace).Distinct(StringComparer.Ordinal))));
                    pending.Add((AlpaconVault.Region(workspace), region));
                    pending.Add((AlpaconVault.Token(workspace), Secret("API token")));
                    break;
                case "Cloudways":
                    pending.Add((CloudwaysVault.Email, AnsiConsole.Prompt(new TextPrompt<string>("Cloudways account e-mail:"))));
                    pending.Add((CloudwaysVault.ApiKey, Secret("API key")));
                    break;
                case "CloudStack":
                    pending.Add((CloudStackVault.Url, AnsiConsole.Prompt(new TextPrompt<string>("API URL (e.g. https://cloud.example.com/client/api):"))));
                    pending.Add((CloudStackVault.ApiKey, Secret("API key")));
                    pending.Add((CloudStackVault.SecretKey, Secret("Secret key")));
                    break;
                case "WebOps":
                    pending.Add((WebOpsVault.Url, AnsiConsole.Prompt(new TextPrompt<string>("Control panel URL (e.g. https://webops.example.org):"))));
                    pending.Add((WebOpsVault.Token, Secret("API token")));
                    break;
                default:
                    return pending;
            }
        }
    }

    private static string Secret(string what) => AnsiConsole.Prompt(new TextPrompt<string>($"{what} (hidden):").Secret());
}
