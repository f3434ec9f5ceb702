using System.CommandLine;
using Bastion.Cli.Import;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Inventory;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion</c> with no verb, as its peers start (<c>uvx alpacon-mcp</c>): launched by a client (stdin not a terminal)
/// it is <c>bastion serve</c> with the same options; at a terminal with nothing configured it offers
/// <c>bastion setup</c>; otherwise it prints a short status and the verbs people use first.
/// </summary>
internal static class BareStart
{
    private static readonly string[] HelpWords = ["--help", "-h", "-?", "/?", "/h", "--version"];

    /// <summary>
    /// The arguments to run: <paramref name="args"/> as given, or <c>serve</c> before them when no verb was named,
    /// no help was asked for, and <paramref name="stdinIsTerminal"/> is false (a client launched Bastion).
    /// </summary>
    public static string[] Arguments(RootCommand root, string[] args, bool stdinIsTerminal)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(args);
        if (stdinIsTerminal || args.Any(a => HelpWords.Contains(a, StringComparer.Ordinal)))
        {
            return args;
        }

        var verbs = root.Subcommands.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        return args.Any(verbs.Contains) ? args : ["serve", .. args];
    }

    /// <summary>The action of <c>bastion</c> at a terminal.</summary>
    public static async Task<int> RunAsync(RootCommand root, ParseResult parse, CancellationToken cancellationToken)
    {
        var paths = ServerFlags.Paths(parse);
        var platforms = Platforms(paths);
        var configured = File.Exists(paths.InventoryFile) || File.Exists(paths.VaultFile) || platforms.Count > 0;
        if (!configured)
        {
            Console.Out.WriteLine($"Bastion is not set up on this machine yet (nothing in {paths.DataDirectory}).");
            Console.Out.WriteLine("It already works on this machine alone; `bastion setup` adds SSH hosts and platform credentials and writes your MCP client's configuration.");
            Console.Out.Write("Run bastion setup now? [Y/n] ");
            var answer = (Console.In.ReadLine() ?? "n").Trim();
            if (answer.Length == 0 || answer.StartsWith('y') || answer.StartsWith('Y'))
            {
                return await root.Parse(["setup", .. parse.Tokens.Select(t => t.Value)], new ParserConfiguration { ResponseFileTokenReplacer = null })
                    .InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false }, cancellationToken);
            }

            Console.Out.WriteLine();
        }
        else
        {
            var hosts = 1;
            try
            {
                hosts = new FileInventory(paths).Hosts.Count;
            }
            catch (BastionException e)
            {
                Console.Out.WriteLine($"inventory: {e.Message}");
            }

            Console.Out.WriteLine($"Bastion {Mcp.BastionServer.Version}: data in {paths.DataDirectory}; {hosts} host(s); platforms: {(platforms.Count == 0 ? "none" : string.Join(", ", platforms))}.");
        }

        Console.Out.WriteLine("""
            An MCP client starts Bastion itself (`bastion` or `bastion serve`); at a terminal:
              bastion config claude-desktop --install   add Bastion to a client (also claude-code, cursor, vscode, continue, windsurf)
              bastion call metrics_sample --table       run one tool here
              bastion hosts add NAME --address ADDR     add an SSH host     bastion import   bring alpacon-mcp/CloudStack/WebOps/Cloudways settings
              bastion doctor                            check everything    bastion --help   every verb and option
            """);
        return 0;
    }

    /// <summary>The platforms with credentials in the vault or the environment (names only; a vault that does not open counts as none).</summary>
    private static List<string> Platforms(BastionPaths paths)
    {
        var names = new List<string>(SeedCredentials.FromEnvironment(Environment.GetEnvironmentVariables()).Found.Select(f => f.Name));
        if (File.Exists(paths.VaultFile))
        {
            try
            {
                using var vault = CredentialVault.Open(paths);
                names.AddRange(vault.List(CredentialVault.DefaultTenant).Select(i => i.Name));
            }
            catch (BastionException)
            {
            }
        }

        return [.. names.Where(n => n.Contains('/', StringComparison.Ordinal)).Select(n => n[..n.IndexOf('/', StringComparison.Ordinal)]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }
}
