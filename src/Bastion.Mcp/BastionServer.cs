using System.Reflection;
using Bastion.Core.Audit;
using Bastion.Core.Configuration;
using Bastion.Core.Confirmation;
using Bastion.Core.Credentials;
using Bastion.Core.Execution;
using Bastion.Core.FanOut;
using Bastion.Core.History;
using Bastion.Core.Files;
using Bastion.Core.Inventory;
using Bastion.Core.Logs;
using Bastion.Core.Policy;
using Bastion.Core.Secrets;
using Bastion.Core.Secrets.Vault;
using Bastion.Mcp.Alerts;
using Bastion.Mcp.Catalog;
using Bastion.Mcp.Pipeline;
using Bastion.Mcp.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp;

/// <summary>Composition of Bastion's MCP server: its services, tools and pipeline, independent of the transport.</summary>
public static class BastionServer
{
    /// <summary>Server name in the <c>initialize</c> answer.</summary>
    public const string Name = "bastion";

    /// <summary>What the model is told about this server in the <c>initialize</c> answer.</summary>
    public const string Instructions =
        "Bastion inspects Linux hosts: the machine it runs on ('local') and the SSH hosts in its inventory. " + Common;

    /// <summary>The instructions of a shared server's tenant, which does not see the server's own machine.</summary>
    public const string TenantInstructions =
        "Bastion inspects Linux hosts: the SSH hosts in your tenant's inventory and the servers of your hosting platforms. " +
        "Always give host tools a target: their default, local, is the server's own machine, which is not yours. " + Common;

    private const string Common =
        "Start with hosts_list to learn host names, groups and labels. Every host tool takes target: one host, several " +
        "separated by commas, a group (@web), a label (env=prod) or all; it answers with a summary, then each host's " +
        "result or why it failed. For 'why is it slow' start with metrics_sample, then processes_list and logs_tail. " +
        "Answers are bounded: a truncated flag or a note says when something was left out; raise limit or narrow a filter.";

    /// <summary>This build's version, from the assembly's informational version.</summary>
    public static string Version { get; } =
        typeof(BastionServer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>
    /// Registers what the tools need: the inventory file, runners (local; remote kinds are added by their projects,
    /// e.g. AddSsh), fan-out, the log reader, file transfer, the clock, the call pipeline (access, command policy,
    /// confirmation, audit log, redaction) and the toolsets.
    /// </summary>
    public static IServiceCollection AddBastion(this IServiceCollection services, BastionOptions? options = null)
    {
        options ??= new BastionOptions();
        services.AddSingleton(options);
        services.AddSingleton(options.Paths);
        services.AddSingleton(new ToolCaller(options.Tenant, options.Paths));
        services.AddSingleton(options.Logs);
        services.AddSingleton(options.FanOut);
        services.AddSingleton(options.Files);
        services.AddSingleton(sp => new FileInventory(options.Paths, options.LocalHost, sp.GetService<ILogger<FileInventory>>()));
        services.AddSingleton<MergedInventory>();
        services.AddSingleton<IInventory>(sp => sp.GetRequiredService<MergedInventory>());
        services.AddSingleton<IRunnerProvider, RunnerProvider>();
        services.AddSingleton<Fleet>();
        services.AddSingleton<FanOutRunner>();
        // Made by a factory, not the container's reflection over its constructor (every tool call opens a scope and takes one).
        services.AddScoped(sp => new CallTargets(sp.GetRequiredService<IInventory>(), sp.GetRequiredService<FanOutOptions>()));
        services.AddSingleton(options.History);
        services.AddSingleton<IHistorySource, Core.History.Sysstat.SysstatHistorySource>();
        services.AddSingleton<HistoryReader>();
        services.AddSingleton<HistoryCollector>();
        services.AddAlerts();
        services.AddSingleton(_ => PathGuard.ForThisProcess(options.Paths.RootDataDirectory));
        services.AddSingleton<LogReader>();
        services.AddSingleton<FileTransfer>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(_ => CommandPolicy.Load(options.PolicyFile ?? Path.Combine(options.Paths.DataDirectory, "policy.yaml")));
        services.AddSingleton(sp => new AuditLog(new AuditOptions { Directory = options.Paths.AuditDirectory }.WithRetentionFrom(Environment.GetEnvironmentVariable), sp.GetRequiredService<TimeProvider>(), sp.GetService<ILogger<AuditLog>>()));
        services.TryAddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditLog>());
        services.TryAddSingleton(_ => CreateRedactor(options.Paths));
        services.AddSingleton<TokenProviderRegistry>();
        services.TryAddSingleton<IRateBudget, NoRateLimit>();
        services.AddSingleton<ToolAccess>();
        services.AddSingleton<ConfirmationStore>();
        services.TryAddSingleton<IReplayGuard, InMemoryReplayGuard>();
        services.AddSingleton<ConfirmationStates>();
        services.AddSingleton<ICallPrecheck, Tools.TransferPrecheck>();
        services.AddSingleton<ToolCallPipeline>();
        return services.AddToolsets();
    }

    /// <summary>
    /// The redactor of every call: it knows the values of secret-looking environment variables, the vault's key material
    /// (<c>BASTION_VAULT_KEY</c>, the passphrases, <c>vault.key</c> and its backup) and every value in the vault.
    /// </summary>
    /// <exception cref="Core.BastionException">There is a vault and it cannot be opened (wrong key, damaged file, key file
    /// others can read): the server does not start rather than run without knowing the secrets it must hide.</exception>
    public static Redactor CreateRedactor(BastionPaths paths)
    {
        var redactor = Redactor.FromEnvironment();
        foreach (var variable in new[] { VaultKeySource.KeyVariable, VaultKeySource.PassphraseVariable, VaultKeySource.NewPassphraseVariable })
        {
            if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
            {
                redactor.AddKnownSecret(value);
            }
        }

        AddVaultSecrets(redactor, paths);
        return redactor;
    }

    /// <summary>Teaches <paramref name="redactor"/> every value in the vault of <paramref name="paths"/>, and its key file, when there is one.</summary>
    /// <exception cref="Core.BastionException">The vault exists and cannot be opened.</exception>
    public static void AddVaultSecrets(Redactor redactor, BastionPaths paths)
    {
        ArgumentNullException.ThrowIfNull(redactor);
        ArgumentNullException.ThrowIfNull(paths);
        if (!File.Exists(paths.VaultFile))
        {
            return;
        }

        using var vault = CredentialVault.Open(paths);
        foreach (var value in vault.AllValues())
        {
            redactor.AddKnownSecret(value);
        }

        foreach (var keyFile in new[] { paths.VaultKeyFile, paths.VaultKeyFile + ".bak" })
        {
            if (File.Exists(keyFile))
            {
                redactor.AddKnownSecret(File.ReadAllText(keyFile).Trim());
            }
        }
    }

    /// <summary>The server options: identity, instructions, tools, and the call pipeline.</summary>
    public static McpServerOptions CreateOptions(IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new McpServerOptions
        {
            ServerInfo = new Implementation { Name = Name, Title = "Bastion", Version = Version },
            ServerInstructions = services.GetRequiredService<BastionOptions>().LocalHost ? Instructions : TenantInstructions,
            ToolCollection = ToolCatalog.Create(services, ToolCallPipeline.Served),
            ResourceCollection = [FiringAlertsResource.Create(services)],
        };
        services.GetRequiredService<ToolCallPipeline>().AddTo(options);
        return options;
    }
}
