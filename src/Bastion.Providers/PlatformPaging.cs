using System.Runtime.CompilerServices;

namespace Bastion.Providers;

/// <summary>
/// The page loop every provider's listing shares: asks for the first page (cursor null), then for the page each answer
/// names as next, until a page is the last (no next cursor), brings nothing new, or <c>maxPages</c> were read. Items
/// seen on an earlier page (by key) are dropped, since a list that changes while it is read shifts items between pages.
/// </summary>
public static class PlatformPaging
{
    /// <summary>The pages of a listing, each with only the items not seen before; stops as described on the type.</summary>
    /// <param name="fetch">Reads the page at a cursor (null: the first).</param>
    /// <param name="maxPages">Most pages read.</param>
    /// <param name="key">An item's identity for dropping repeats (null key: never a repeat); null to keep every item.</param>
    /// <param name="cancellationToken">Ends the listing.</param>
    public static async IAsyncEnumerable<PlatformPage<T>> PagesAsync<T>(
        Func<string?, CancellationToken, Task<PlatformPage<T>>> fetch,
        int maxPages,
        Func<T, string?>? key,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fetch);
        var seen = key is null ? null : new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        for (var read = 1; read <= Math.Max(1, maxPages); read++)
        {
            var page = await fetch(cursor, cancellationToken);
            if (seen is not null)
            {
                page = page with { Items = page.Items.Where(item => key!(item) is not { } id || seen.Add(id)).ToList() };
            }

            yield return page;
            if (page.Items.Count == 0 || page.Next is null)
            {
                yield break;
            }

            cursor = page.Next;
        }
    }

    /// <summary>
    /// Gathers up to <paramref name="limit"/> items over the pages (whole pages, then cut to the limit), with the
    /// platform's total when it gives one and whether more exist than were kept.
    /// </summary>
    /// <param name="fetch">Reads the page at a cursor (null: the first).</param>
    /// <param name="limit">Most items kept (at least 1).</param>
    /// <param name="maxPages">Most pages read.</param>
    /// <param name="key">An item's identity for dropping repeats; null to keep every item.</param>
    /// <param name="cancellationToken">Ends the listing.</param>
    public static async Task<PlatformList<T>> GatherAsync<T>(
        Func<string?, CancellationToken, Task<PlatformPage<T>>> fetch,
        int limit,
        int maxPages,
        Func<T, string?>? key,
        CancellationToken cancellationToken)
    {
        limit = Math.Max(1, limit);
        var items = new List<T>();
        int? total = null;
        var (more, pages, bounded) = (false, 0, false);
        await foreach (var page in PagesAsync(fetch, maxPages, key, cancellationToken))
        {
            pages++;
            items.AddRange(page.Items);
            total = page.Total is { } count ? Math.Max(count, total ?? 0) : total;
            more = page.HasMore && page.Items.Count > 0;
            if (items.Count >= limit)
            {
                break;
            }

            bounded = more && pages >= maxPages;
        }

        var kept = items.Take(limit).ToList();
        var known = Math.Max(total ?? items.Count, kept.Count);
        return new PlatformList<T>(kept, known, kept.Count < items.Count || known > kept.Count || (total is null && more))
        {
            Pages = pages,
            PageBound = bounded,
        };
    }
}
