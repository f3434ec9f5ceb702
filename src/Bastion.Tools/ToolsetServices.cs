using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Tools;

/// <summary>How a toolset class is put in service.</summary>
public static class ToolsetServices
{
    /// <summary>Registers a toolset class (a singleton with a <see cref="ToolsetAttribute"/>); the catalogue makes tools of it.</summary>
    /// <exception cref="InvalidOperationException">The class has no <see cref="ToolsetAttribute"/>.</exception>
    public static IServiceCollection AddToolset(this IServiceCollection services, Type toolset)
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
}
