using Bastion.Core.Inventory;
using Bastion.Core.Secrets;
using Bastion.Tools;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Apis;
using Bastion.Providers.CloudStack.Hosts;
using Bastion.Providers.CloudStack.Reads;
using Bastion.Providers.CloudStack.Status;
using Bastion.Providers.CloudStack.Vms;
using Bastion.Providers.CloudStack.Volumes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.CloudStack;

/// <summary>The entry point of the CloudStack provider: its client, its hosts and its toolsets.</summary>
public static class CloudStackSetup
{
    /// <summary>
    /// The toolset classes, in catalogue order: the <c>cloudstack</c> read tools (scope <c>platform:read</c>), then the
    /// VM, volume and API operations (scope <c>platform:manage</c>, operator mode).
    /// </summary>
    public static IReadOnlyList<Type> Toolsets { get; } =
    [
        typeof(CloudStackStatusTools),
        typeof(CloudStackListTools),
        typeof(CloudStackVmControlTools),
        typeof(CloudStackVolumeControlTools),
        typeof(CloudStackApiCallTools),
    ];

    /// <summary>
    /// Registers CloudStack for the container's tenant: one client (a singleton of the container, so one per tenant:
    /// its own session, connection pool and circuit breaker) that reads its settings from the tenant's vault namespace
    /// on each call, the VMs as an <see cref="IHostSource"/> (backend <c>cloudstack</c>), and both toolsets. Call it
    /// after AddBastion (which registers the options, the redactor and the clock). Nothing is contacted until a tool or
    /// the inventory asks; without settings in the vault the host source is skipped and the tools say which
    /// <c>bastion vault set</c> commands to run.
    /// </summary>
    /// <param name="services">The container.</param>
    /// <param name="http">Timeouts, retries, breaker and listing bound (defaults: <see cref="PlatformHttpOptions"/>).</param>
    /// <param name="options">Job polling, page size and signature lifetime (defaults: <see cref="CloudStackOptions"/>).</param>
    public static IServiceCollection AddCloudStack(this IServiceCollection services, PlatformHttpOptions? http = null, CloudStackOptions? options = null)
    {
        http ??= new PlatformHttpOptions();
        options ??= new CloudStackOptions();
        services.AddSingleton(sp =>
        {
            var credentials = sp.GetRequiredService<PlatformCredentials>();
            return new CloudStackClient(
                () => CloudStackSettings.From(credentials),
                () => CloudStackSettings.IsConfigured(credentials),
                http,
                options,
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<Redactor>(),
                sp.GetRequiredService<ILogger<CloudStackClient>>());
        });
        services.AddSingleton<ApiCatalog>();
        services.AddSingleton<CloudStackApiCalls>();
        services.AddSingleton<CloudStackVolumeOperations>();
        services.AddSingleton<CloudStackVmOperations>();
        services.AddSingleton<CloudStackStatusCheck>();
        services.AddSingleton<CloudStackReads>();
        services.AddSingleton<IHostSource, CloudStackHostSource>();
        services.AddSingleton<Core.History.IHistorySource, History.CloudStackHistorySource>();
        services.AddToolJson(CloudStackToolsJson.Default);
        services.AddPlatform("cloudstack", Toolsets, sp => sp.GetRequiredService<CloudStackClient>().IsConfigured,
            "Store cloudstack/url and cloudstack/api-key + cloudstack/secret-key (or cloudstack/username + cloudstack/password) with bastion vault set; see docs/platforms/cloudstack.md.",
            "cloudstack_status");

        return services;
    }
}
