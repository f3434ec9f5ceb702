using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Bastion.Core.Credentials;

/// <summary>The token providers of this process, one per credential, by name.</summary>
public sealed class TokenProviderRegistry
{
    private readonly ConcurrentDictionary<string, TokenProvider> _providers = new(StringComparer.Ordinal);

    /// <summary>Adds a provider under its <see cref="TokenProvider.Name"/>.</summary>
    /// <exception cref="BastionException">A provider of that name is already registered.</exception>
    public void Register(TokenProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        if (!_providers.TryAdd(provider.Name, provider))
        {
            throw new BastionException($"A credential named '{provider.Name}' is already registered.");
        }
    }

    /// <summary>The provider of the credential <paramref name="name"/>.</summary>
    /// <exception cref="BastionException">No credential of that name; the message lists the known ones.</exception>
    public TokenProvider Get(string name) =>
        TryGet(name, out var provider)
            ? provider
            : throw new BastionException(_providers.IsEmpty
                ? $"No credential named '{name}': none is configured."
                : $"No credential named '{name}'; known: {string.Join(", ", Names)}.");

    /// <summary>The provider of the credential <paramref name="name"/>, if registered.</summary>
    public bool TryGet(string name, [NotNullWhen(true)] out TokenProvider? provider) => _providers.TryGetValue(name, out provider);

    /// <summary>Names of the registered credentials, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _providers.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The status of every registered credential, sorted by name. Never holds a token.</summary>
    public IReadOnlyList<TokenStatus> Statuses() => [.. _providers.Values.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => p.Status)];
}
