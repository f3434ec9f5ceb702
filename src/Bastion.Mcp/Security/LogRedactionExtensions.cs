using Bastion.Core.Secrets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Security;

/// <summary>The entry point that makes every registered log provider redact secrets.</summary>
public static class LogRedactionExtensions
{
    /// <summary>
    /// Wraps each <see cref="ILoggerProvider"/> registered so far in a <see cref="RedactingLoggerProvider"/>, whatever
    /// the level it logs at (Trace included) and whether it writes scopes (the JSON console logger does). Call it after
    /// AddLogging and AddBastion (which registers the <see cref="Redactor"/>): a provider added later is not wrapped.
    /// </summary>
    public static IServiceCollection AddLogRedaction(this IServiceCollection services)
    {
        var providers = services.Where(d => d.ServiceType == typeof(ILoggerProvider)).ToList();
        foreach (var descriptor in providers)
        {
            services.Remove(descriptor);
            if (descriptor.ImplementationType is { } type)
            {
                // Built by the container as any service (not by ActivatorUtilities, whose static constructor costs the
                // Native AOT build about 8 ms of start-up in a reflection lookup of delegate targets).
                services.TryAddSingleton(type);
            }

            services.AddSingleton(sp => RedactingLoggerProvider.Wrap(Create(descriptor, sp), sp.GetRequiredService<Redactor>()));
        }

        return services;
    }

    private static ILoggerProvider Create(ServiceDescriptor descriptor, IServiceProvider services) =>
        (ILoggerProvider)(descriptor.ImplementationInstance
            ?? descriptor.ImplementationFactory?.Invoke(services)
            ?? services.GetRequiredService(descriptor.ImplementationType!));
}
