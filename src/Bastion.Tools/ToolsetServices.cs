using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tools;

/// <summary>How a toolset class is put in service.</summary>
public static class ToolsetServices
{
    /// <summary>Registers a toolset class (a singleton with a <see cref="ToolsetAttribute"/>); the catalogue makes tools of it.</summary>
    /// <exception cref="InvalidOperationException">The class has no <see cref="ToolsetAttribute"/>.</exception>
    public static IServiceCollection AddToolset(this IServiceCollection services, [DynamicallyAccessedMembers(ToolsetRegistration.Members)] Type toolset)
    {
        ArgumentNullException.ThrowIfNull(toolset);
        if (toolset.GetCustomAttribute<ToolsetAttribute>() is null)
        {
            throw new InvalidOperationException($"{toolset.Name} has no [Toolset] attribute.");
        }

        services.AddSingleton(toolset);
        services.AddSingleton(new ToolsetRegistration(toolset));
        return services;
    }

    /// <summary>
    /// Registers the source-generated JSON metadata of a toolset assembly's argument and result types (see <see cref="ToolJson"/>).
    /// Registering the same context twice is harmless.
    /// </summary>
    public static IServiceCollection AddToolJson(this IServiceCollection services, IJsonTypeInfoResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        services.AddSingleton(new ToolJson(resolver));
        return services;
    }
}
