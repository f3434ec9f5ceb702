using System.CommandLine;
using Bastion.Core;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Cli.Import;

/// <summary>
/// <c>bastion import</c>: stores in the local user's vault the platform credentials the seed servers' users already have
/// (see <see cref="SeedCredentials"/>): alpacon-mcp's token file and <c>ALPACON_MCP_*</c> variables, the CloudStack,
/// WebOps and Cloudways variables. Prints each vault name stored and where it came from, never a value. Exit code 1 when
/// nothing was found or a named file is not of the expected shape.
/// </summary>
internal static class ImportCommand
{
    public static Command Create()
    {
        var tokens = new Option<string?>("--alpacon-tokens")
        {
            Description = $"alpacon-mcp's token file ({{\"region\": {{\"workspace\": \"token\"}}}}). Default: ${SeedCredentials.AlpaconConfigFileVariable}, else ~/.alpacon-mcp/token.json, else ./config/token.json, when one exists.",
        };
        var noEnvironment = new Option<bool>("--no-env") { Description = "Do not read the seed servers' environment variables, only the token file." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what would be stored, store nothing." };
        var command = new Command(
            "import",
            "Bring along the seed servers' credentials: alpacon-mcp's token file and ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN, " +
            "CLOUDSTACK_API_URL/_API_KEY/_SECRET_KEY (or _USERNAME/_PASSWORD), WEBOPS_API_URL/WEBOPS_API_KEY, CLOUDWAYS_EMAIL/CLOUDWAYS_API_KEY, " +
            "into the encrypted vault under the names Bastion's adapters read. Values are never printed. (Without importing, the same variables also work at run time.)")
        {
            tokens, noEnvironment, dryRun,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var environment = Environment.GetEnvironmentVariables();
            var found = new List<SeedCredential>();
            var skipped = new List<string>();
            var file = parse.GetValue(tokens) ?? SeedCredentials.DefaultAlpaconTokenFile(environment);
            if (file is not null)
            {
                var scan = SeedCredentials.FromAlpaconTokenFile(file);
                found.AddRange(scan.Found);
                skipped.AddRange(scan.Skipped);
            }

            if (!parse.GetValue(noEnvironment))
            {
                var scan = SeedCredentials.FromEnvironment(environment, readConfigFile: false);
                foreach (var credential in scan.Found)
                {
                    var previous = found.FindIndex(f => f.Name == credential.Name);
                    if (previous < 0)
                    {
                        found.Add(credential);
                    }
                    else
                    {
                        found[previous] = credential.Name == Providers.Alpacon.AlpaconVault.Workspaces
                            ? credential with { Value = string.Join(',', found[previous].Value.Split(',').Concat(credential.Value.Split(',')).Distinct(StringComparer.Ordinal)) }
                            : credential;
                    }
                }

                skipped.AddRange(scan.Skipped);
            }

            foreach (var reason in skipped)
            {
                await Console.Error.WriteLineAsync($"skipped: {reason}");
            }

            if (found.Count == 0)
            {
                await Console.Error.WriteLineAsync(
                    "Nothing to import: no alpacon-mcp token file (--alpacon-tokens FILE) and none of these variables set: ALPACON_MCP_<REGION>_<WORKSPACE>_TOKEN, " +
                    string.Join(", ", SeedCredentials.Variables) + ".");
                return 1;
            }

            var paths = ServerFlags.Paths(parse);
            if (parse.GetValue(dryRun))
            {
                foreach (var credential in found)
                {
                    Console.Out.WriteLine($"would store {credential.Name}  (from {credential.Source})");
                }

                return 0;
            }

            paths.EnsureDataDirectory();
            var key = VaultKeySource.FromEnvironment(paths);
            using var vault = CredentialVault.Open(paths, key);
            foreach (var credential in found)
            {
                await vault.SetAsync(CredentialVault.DefaultTenant, credential.Name, credential.Value, cancellationToken);
                Console.Out.WriteLine($"stored {credential.Name}  (from {credential.Source})");
            }

            Console.Out.WriteLine($"{found.Count} value(s) in {vault.Path} (key: {key.Origin}). Check them with: bastion doctor");
            return 0;
        });
        return command;
    }
}
