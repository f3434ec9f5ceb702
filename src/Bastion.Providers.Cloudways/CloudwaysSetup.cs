using Bastion.Core.Credentials;
using Bastion.Core.Inventory;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Account;
using Bastion.Providers.Cloudways.Alerts;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Apps;
using Bastion.Providers.Cloudways.Backups;
using Bastion.Providers.Cloudways.Changes;
using Bastion.Providers.Cloudways.Git;
using Bastion.Providers.Cloudways.Hosts;
using Bastion.Providers.Cloudways.Monitoring;
using Bastion.Providers.Cloudways.Operations;
using Bastion.Providers.Cloudways.Servers;
using Bastion.Providers.Cloudways.Services;
using Bastion.Providers.Cloudways.Settings;
using Bastion.Providers.Cloudways.Ssl;
using Bastion.Providers.Cloudways.Status;
using Bastion.Providers.Cloudways.Whitelist;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.Cloudways;

/// <summary>
/// The one entry point of the Cloudways provider: registers its client (credentials from the caller's vault, both auth
/// flows, the resilient HTTP client), its token provider (listed by credentials_status as <c>cloudways</c>), its host
/// source (backend <c>cloudways</c>) and its toolsets. Call it after <c>AddBastion</c>, once per service container
/// (each HTTP tenant has its own).
/// </summary>
public static class CloudwaysSetup
{
    /// <summary>
    /// The Cloudways toolset classes, all named <c>cloudways</c>: read tools with a <c>resource</c> enum for the account,
    /// a server and an app (scope platform:read), app credentials (secrets:read), starting a server and marking alerts
    /// read (platform:manage, not destructive), and one destructive change tool with an <c>action</c> enum for a server
    /// and one for an app (platform:manage).
    /// </summary>
    public static IReadOnlyList<Type> Toolsets { get; } =
    [
        typeof(CloudwaysStatusTools),
        typeof(CloudwaysListTools),
        typeof(CloudwaysServerTools),
        typeof(CloudwaysAppTools),
        typeof(CloudwaysAppCredentialTools),
        typeof(CloudwaysPowerTools),
        typeof(CloudwaysAlertActionTools),
        typeof(CloudwaysServerChangeTools),
        typeof(CloudwaysAppChangeTools),
    ];

    /// <summary>Registers the Cloudways provider with default polling and token renewal.</summary>
    /// <param name="services">A container that <c>AddBastion</c> has filled.</param>
    /// <param name="http">Timeouts, retries and breaker of Cloudways calls; null for the defaults.</param>
    /// <exception cref="InvalidOperationException"><c>AddBastion</c> was not called first.</exception>
    public static IServiceCollection AddCloudways(this IServiceCollection services, PlatformHttpOptions? http = null) =>
        services.AddCloudways(new CloudwaysOptions { Http = http ?? new PlatformHttpOptions() });

    /// <summary>Registers the Cloudways provider.</summary>
    /// <param name="services">A container that <c>AddBastion</c> has filled.</param>
    /// <param name="options">HTTP, polling and token settings.</param>
    /// <exception cref="InvalidOperationException"><c>AddBastion</c> was not called first.</exception>
    public static IServiceCollection AddCloudways(this IServiceCollection services, CloudwaysOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        var registry = services.LastOrDefault(d => d.ServiceType == typeof(TokenProviderRegistry))
            ?? throw new InvalidOperationException("Call AddBastion before AddCloudways: the Cloudways token provider joins Bastion's token registry.");

        services.AddSingleton(options);
        services.AddSingleton(sp => new CloudwaysApi(new PlatformHttp(CloudwaysApi.Platform, options.Http, sp.GetRequiredService<TimeProvider>())));
        services.AddSingleton<CloudwaysCredentialStore>();
        services.AddSingleton<CloudwaysTokenExchange>();
        services.AddSingleton(sp =>
        {
            var exchange = sp.GetRequiredService<CloudwaysTokenExchange>();
            var provider = new TokenProvider(
                CloudwaysVault.TokenName,
                exchange,
                TokenOptions(options.Tokens),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<TokenProvider>>());
            return new CloudwaysAuth(provider, exchange);
        });
        services.AddSingleton<CloudwaysClient>();
        services.AddSingleton<CloudwaysOperations>();
        services.AddSingleton<CloudwaysPower>();
        services.AddSingleton<CloudwaysServers>();
        services.AddSingleton<CloudwaysProjects>();
        services.AddSingleton<CloudwaysAlerts>();
        services.AddSingleton<CloudwaysStatusCheck>();
        services.AddSingleton<CloudwaysMonitoring>();
        services.AddSingleton<CloudwaysChanges>();
        services.AddSingleton<CloudwaysServices>();
        services.AddSingleton<CloudwaysBackups>();
        services.AddSingleton<CloudwaysSsl>();
        services.AddSingleton<CloudwaysGit>();
        services.AddSingleton<CloudwaysWhitelists>();
        services.AddSingleton<CloudwaysSettings>();
        services.AddSingleton<IHostSource, CloudwaysHostSource>();
        services.AddSingleton<Core.History.IHistorySource, History.CloudwaysHistorySource>();

        // credentials_status lists the provider from the start, before any Cloudways call was made.
        services.Remove(registry);
        services.AddSingleton(sp =>
        {
            var tokens = registry.ImplementationInstance as TokenProviderRegistry
                ?? registry.ImplementationFactory?.Invoke(sp) as TokenProviderRegistry
                ?? (TokenProviderRegistry)ActivatorUtilities.CreateInstance(sp, registry.ImplementationType ?? typeof(TokenProviderRegistry));
            tokens.Register(sp.GetRequiredService<CloudwaysAuth>().Provider);
            return tokens;
        });

        services.AddToolJson(CloudwaysToolsJson.Default);
        services.AddPlatform("cloudways", Toolsets, sp => sp.GetRequiredService<CloudwaysClient>().IsConfigured,
            "Store cloudways/email + cloudways/api-key (or cloudways/access-token) with bastion vault set, or send them as x-cloudways-* headers over HTTP; see docs/platforms/cloudways.md.",
            "cloudways_status");

        return services;
    }

    private static TokenProviderOptions TokenOptions(TokenProviderOptions given) => new()
    {
        RenewBefore = given.RenewBefore,
        MaxAttempts = given.MaxAttempts,
        BaseDelay = given.BaseDelay,
        MaxDelay = given.MaxDelay,
        AttemptTimeout = given.AttemptTimeout,
        CredentialKind = "Cloudways API key",
        VaultKey = CloudwaysVault.ApiKey,
    };
}
