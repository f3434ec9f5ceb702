using Bastion.Core.Execution;
using Bastion.Core.Inventory;
using Bastion.Tools;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Commands;
using Bastion.Providers.Alpacon.Alerts;
using Bastion.Providers.Alpacon.Hosts;
using Bastion.Providers.Alpacon.Iam;
using Bastion.Providers.Alpacon.Listing;
using Bastion.Providers.Alpacon.Metrics;
using Bastion.Providers.Alpacon.Notes;
using Bastion.Providers.Alpacon.WebFtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bastion.Providers.Alpacon;

/// <summary>
/// The entry point into the Alpacon feature. <see cref="AddAlpacon"/> makes the servers of every workspace configured
/// in the vault (<c>alpacon/workspaces</c>, <c>alpacon/&lt;workspace&gt;/token</c>, <c>…/region</c> or <c>…/url</c>)
/// Bastion hosts whose commands run through Alpacon's Command API, and serves the <c>alpacon_*</c> tools.
/// </summary>
public static class AlpaconSetup
{
    /// <summary>The toolset classes AddAlpacon registers (toolset <c>alpacon</c>, several scopes), for catalogues and <c>--toolsets</c>.</summary>
    public static IReadOnlyList<Type> Toolsets { get; } =
    [
        typeof(AlpaconListTools),
        typeof(AlpaconNotesTools),
        typeof(AlpaconAlertsTools),
        typeof(AlpaconIamTools),
        typeof(AlpaconWebFtpTools),
    ];

    /// <summary>
    /// Registers Alpacon's host source, its command runner (for hosts labelled <c>backend=alpacon</c>), its API clients
    /// and its toolsets. Call after AddBastion. Nothing is called until a workspace is configured in the vault.
    /// </summary>
    /// <param name="services">The server's services.</param>
    /// <param name="http">Timeouts, retries, breaker and the listing cap of API calls; default <see cref="PlatformHttpOptions"/>.</param>
    /// <param name="options">Polling and approval waits; default <see cref="AlpaconOptions"/>.</param>
    public static IServiceCollection AddAlpacon(this IServiceCollection services, PlatformHttpOptions? http = null, AlpaconOptions? options = null) =>
        services.AddAlpaconWith(new AlpaconSettings(http ?? new PlatformHttpOptions(), options ?? new AlpaconOptions()));

    internal static IServiceCollection AddAlpaconWith(this IServiceCollection services, AlpaconSettings settings)
    {
        // Shared by every provider; whoever registers first wins (the same class either way).
        services.AddSingleton(settings);
        services.AddSingleton<AlpaconWorkspaces>();
        services.AddSingleton<AlpaconClients>();
        services.AddSingleton<AlpaconTargets>();
        services.AddSingleton<IHostSource, AlpaconHostSource>();
        services.AddSingleton<IRemoteRunnerFactory, AlpaconRunnerFactory>();
        services.AddSingleton<Core.History.IHistorySource, History.AlpaconHistorySource>();
        services.AddSingleton<AlpaconStorage>();
        services.AddSingleton<AlpaconWebFtp>();
        services.AddSingleton<AlpaconMetricSeriesReader>();
        services.AddSingleton<AlpaconAlertRules>();
        services.AddToolJson(AlpaconToolsJson.Default);
        services.AddPlatform("alpacon", Toolsets, sp => sp.GetRequiredService<AlpaconWorkspaces>().IsConfigured,
            "Store alpacon/workspaces and, per workspace, alpacon/<workspace>/token and alpacon/<workspace>/region with bastion vault set; see docs/platforms/alpacon.md.");

        return services;
    }
}
