namespace Bastion.Core.Secrets.Vault;

/// <summary>
/// The request headers through which a tenant of a shared HTTP server hands one platform everything it needs (e.g.
/// <c>x-webops-url</c> and <c>x-webops-token</c>), and the vault names the platform's adapter reads them from. Declared
/// beside the adapter's vault names (<c>&lt;Platform&gt;Vault.Headers</c>); the HTTP layer takes the headers off the
/// request and stores what <see cref="Map"/> gives in the tenant's vault.
/// </summary>
/// <param name="platform">The platform's name, e.g. <c>webops</c>.</param>
/// <param name="headers">Every header of the set (lowercase), with what it carries, for docs and errors.</param>
/// <param name="map">
/// From the set's headers present on a request (lowercase name → trimmed, non-empty value) to the vault writes; throws
/// <see cref="BastionException"/> naming what is missing when the headers given are not enough to use the platform.
/// </param>
public sealed class CredentialHeaderSet(string platform, IReadOnlyDictionary<string, string> headers, Func<IReadOnlyDictionary<string, string>, IReadOnlyList<VaultWrite>> map)
{
    /// <summary>The platform's name, e.g. <c>webops</c>.</summary>
    public string Platform { get; } = platform;

    /// <summary>Every header of the set (lowercase) and what it carries.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; } = headers;

    /// <summary>The vault writes for the set's <paramref name="present"/> headers.</summary>
    /// <exception cref="BastionException">The headers given do not configure the platform; the message names what is missing.</exception>
    public IReadOnlyList<VaultWrite> Map(IReadOnlyDictionary<string, string> present) => map(present);

    /// <summary>
    /// A set whose headers each map to one vault name, with the groups of headers that must come together (e.g. an API
    /// key and its secret). A header of a group sent without the others of its group is refused.
    /// </summary>
    /// <param name="platform">The platform's name.</param>
    /// <param name="headers">header → (vault name, whether it is a secret, what it carries).</param>
    /// <param name="together">Groups of headers that must all be present when any of them is.</param>
    public static CredentialHeaderSet Direct(string platform, IReadOnlyList<(string Header, string Name, bool IsSecret, string Carries)> headers, params string[][] together) =>
        new(platform, headers.ToDictionary(h => h.Header, h => h.Carries, StringComparer.OrdinalIgnoreCase), present =>
        {
            foreach (var group in together)
            {
                var missing = group.Where(h => !present.ContainsKey(h)).ToList();
                if (missing.Count > 0 && missing.Count < group.Length)
                {
                    throw new BastionException($"{platform}: {string.Join(" and ", group.Where(present.ContainsKey))} needs {string.Join(" and ", missing)} in the same request.");
                }
            }

            return [.. headers.Where(h => present.ContainsKey(h.Header)).Select(h => new VaultWrite(h.Name, present[h.Header], h.IsSecret))];
        });
}
