using System.Collections.Concurrent;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Apis;

/// <summary>
/// The APIs the stored credentials may call, from CloudStack's <c>listApis</c> (which answers only what the caller's
/// role allows), cached per credentials (<see cref="CloudStackSettings.Identity"/>) for <see cref="Lifetime"/>; an
/// unknown name fetches the list again once it is a minute old, in case the role changed.
/// </summary>
internal sealed class ApiCatalog(CloudStackClient client, TimeProvider clock) : IDisposable
{
    /// <summary>How long a fetched list is used (10 minutes).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan RecheckAfter = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, (DateTimeOffset Fetched, IReadOnlyDictionary<string, ApiInfo> Apis)> _cache = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fetch = new(1, 1);

    /// <summary>Every API the credentials may call, by name (case-insensitive).</summary>
    /// <exception cref="PlatformException">listApis failed (its errorcode and errortext quoted), or CloudStack is not configured.</exception>
    public async Task<IReadOnlyDictionary<string, ApiInfo>> AllAsync(CancellationToken cancellationToken) =>
        (await EntryAsync(fresh: false, cancellationToken)).Apis;

    /// <summary>The API named <paramref name="name"/> (case-insensitive).</summary>
    /// <exception cref="PlatformException">No such API among those the credentials may call: the message names close ones.</exception>
    public async Task<ApiInfo> FindAsync(string name, CancellationToken cancellationToken)
    {
        var entry = await EntryAsync(fresh: false, cancellationToken);
        if (!entry.Apis.ContainsKey(name) && clock.GetUtcNow() - entry.Fetched > RecheckAfter)
        {
            entry = await EntryAsync(fresh: true, cancellationToken);
        }

        if (entry.Apis.TryGetValue(name, out var api))
        {
            return api;
        }

        var close = entry.Apis.Keys
            .Select(k => (Name: k, Score: Closeness(name, k)))
            .Where(c => c.Score > 0)
            .OrderByDescending(c => c.Score).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(5).Select(c => c.Name).ToList();
        throw new PlatformException(
            CloudStackClient.Platform,
            $"'{name}' is not among the {entry.Apis.Count} APIs these credentials may call (listApis answers only what their role allows).{(close.Count > 0 ? $" Close names: {string.Join(", ", close)}." : string.Empty)} Search them with cloudstack_list resource=apis. Nothing was sent.");
    }

    private async Task<(DateTimeOffset Fetched, IReadOnlyDictionary<string, ApiInfo> Apis)> EntryAsync(bool fresh, CancellationToken cancellationToken)
    {
        var identity = client.Settings.Identity;
        if (!fresh && _cache.TryGetValue(identity, out var cached) && clock.GetUtcNow() - cached.Fetched < Lifetime)
        {
            return cached;
        }

        await _fetch.WaitAsync(cancellationToken);
        try
        {
            if (!fresh && _cache.TryGetValue(identity, out cached) && clock.GetUtcNow() - cached.Fetched < Lifetime)
            {
                return cached;
            }

            var answer = await client.ReadAsync("listApis", new Dictionary<string, string?>(), cancellationToken);
            var apis = answer.Items("api").Select(ApiInfo.From).Where(a => a.Name.Length > 0)
                .GroupBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
            var entry = (clock.GetUtcNow(), (IReadOnlyDictionary<string, ApiInfo>)apis);
            _cache[identity] = entry;
            return entry;
        }
        finally
        {
            _fetch.Release();
        }
    }

    /// <summary>How alike two names are: shared leading characters, or one containing the other.</summary>
    private static int Closeness(string wanted, string candidate)
    {
        if (candidate.Contains(wanted, StringComparison.OrdinalIgnoreCase) || wanted.Contains(candidate, StringComparison.OrdinalIgnoreCase))
        {
            return 100 - Math.Abs(candidate.Length - wanted.Length);
        }

        var common = 0;
        while (common < wanted.Length && common < candidate.Length && char.ToLowerInvariant(wanted[common]) == char.ToLowerInvariant(candidate[common]))
        {
            common++;
        }

        return common >= 4 ? common : 0;
    }

    /// <inheritdoc/>
    public void Dispose() => _fetch.Dispose();
}
