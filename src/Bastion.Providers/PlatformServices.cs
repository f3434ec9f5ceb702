using System.Diagnostics.CodeAnalysis;
using Bastion.Core.Secrets.Vault;
using Bastion.Tools;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bastion.Providers;

/// <summary>What every platform provider registers beside its own client: the shared pieces, its toolsets, and when they are served.</summary>
public static class PlatformServices
{
    /// <summary>
    /// Registers the caller's vault reader (also as the <see cref="IVaultSnapshot"/> renewed before each request) and the
    /// clock (once for all providers), the platform's toolset classes, and its <see cref="ToolsetAvailability"/>: its
    /// tools are listed once <paramref name="isConfigured"/> holds.
    /// </summary>
    /// <param name="services">A container that <c>AddBastion</c> has filled.</param>
    /// <param name="toolset">The toolsets' common name, e.g. <c>cloudways</c>.</param>
    /// <param name="toolsets">The toolset classes, in catalogue order.</param>
    /// <param name="isConfigured">Whether the caller's vault holds what the platform needs.</param>
    /// <param name="setup">What to do to configure it, in a sentence.</param>
    /// <param name="alwaysServed">Tools listed even so (the platform's status tool).</param>
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The Native AOT build roots Bastion's assemblies (src/Bastion/Bastion.csproj, TrimmerRootAssembly): every toolset class keeps its methods and constructors.")]
    public static IServiceCollection AddPlatform(
        this IServiceCollection services,
        string toolset,
        IEnumerable<Type> toolsets,
        Func<IServiceProvider, bool> isConfigured,
        string setup,
        params string[] alwaysServed)
    {
        ArgumentNullException.ThrowIfNull(toolsets);
        ArgumentNullException.ThrowIfNull(isConfigured);
        services.TryAddSingleton<PlatformCredentials>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IVaultSnapshot, PlatformCredentials>(sp => sp.GetRequiredService<PlatformCredentials>()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp => new ToolsetAvailability(toolset, () => isConfigured(sp), setup, alwaysServed));
        foreach (var type in toolsets)
        {
            services.AddToolset(type);
        }

        return services;
    }
}
