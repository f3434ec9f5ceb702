using Bastion.Http.Auth;
using Microsoft.Extensions.DependencyInjection;

namespace Bastion.Http.Tests;

internal static class ServiceCollectionTestExtensions
{
    /// <summary>Registers <paramref name="authenticators"/>, in order.</summary>
    public static IServiceCollection AddAuthenticators(this IServiceCollection services, IEnumerable<IAuthenticator> authenticators)
    {
        foreach (var authenticator in authenticators)
        {
            services.AddSingleton(authenticator);
        }

        return services;
    }
}
