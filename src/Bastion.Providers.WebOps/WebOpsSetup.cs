using Bastion.Tools;
using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Deployments;
using Bastion.Providers.WebOps.Health;
using Bastion.Providers.WebOps.Logs;
using Bastion.Providers.WebOps.Services;
using Bastion.Providers.WebOps.Status;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bastion.Providers.WebOps;

/// <summary>
/// Registers the WebOps adapter: its client and the <c>webops</c> toolset, whose read tools need the scope
/// <c>platform:read</c> and whose actions (deploy, start/stop/restart, delete, scan) need <c>platform:manage</c>.
/// Credentials come from the caller's vault: <c>webops/url</c>, plus <c>webops/token</c> and/or
/// <c>webops/username</c> + <c>webops/password</c>. Call after <c>AddBastion</c>, which provides the options, the
/// redactor and the clock.
/// </summary>
public static class WebOpsSetup
{
    /// <summary>The toolset classes, read tools first, in catalogue order.</summary>
    public static IReadOnlyList<Type> Toolsets { get; } =
    [
        typeof(WebOpsStatusTools),
        typeof(WebOpsDeploymentTools),
        typeof(WebOpsDeploymentControlTools),
    ];

    /// <summary>Adds the WebOps adapter with <paramref name="http"/> (or the default timeouts, retries and breaker).</summary>
    public static IServiceCollection AddWebOps(this IServiceCollection services, PlatformHttpOptions? http = null) =>
        services.AddWebOps(new WebOpsOptions { Http = http ?? new PlatformHttpOptions() });

    /// <summary>Adds the WebOps adapter with all of its <paramref name="options"/> (e.g. a short poll interval in tests).</summary>
    public static IServiceCollection AddWebOps(this IServiceCollection services, WebOpsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<WebOpsClient>();
        services.AddSingleton<WebOpsDeployments>();
        services.AddSingleton<WebOpsHealth>();
        services.AddSingleton<WebOpsServiceControl>();
        services.AddSingleton<WebOpsLogs>();
        services.AddSingleton<WebOpsStatusReader>();
        services.AddSingleton<WebOpsServerStatus>();
        services.AddSingleton<WebOpsDeploymentReads>();
        services.AddSingleton<WebOpsDeploymentControl>();
        services.AddToolJson(WebOpsToolsJson.Default);
        services.AddPlatform("webops", Toolsets, sp => sp.GetRequiredService<PlatformCredentials>().Has(WebOpsVault.Url),
            "Store webops/url and webops/token (or webops/username + webops/password) with bastion vault set; see docs/platforms/webops.md.");

        return services;
    }
}
