using Bastion.Core.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Ssh;

/// <summary>The entry point into the SSH feature.</summary>
public static class SshServiceCollectionExtensions
{
    /// <summary>Lets the inventory's SSH hosts be reached through the system's OpenSSH client.</summary>
    public static IServiceCollection AddSsh(this IServiceCollection services, SshOptions? options = null)
    {
        services.AddSingleton(options ?? new SshOptions());
        services.AddSingleton<IRemoteRunnerFactory, SshRunnerFactory>();
        return services;
    }
}
