namespace Bastion.Providers;

/// <summary>One page of a platform's listing, as an adapter read it.</summary>
/// <typeparam name="T">One item (the platform's JSON object, or a record made of it).</typeparam>
/// <param name="Items">The page's items, in the platform's order.</param>
/// <param name="Next">The cursor of the following page (a page number, the last id seen…), or null when this is the last.</param>
/// <param name="Total">The platform's count of all items for the query, when it gives one.</param>
/// <param name="More">Whether the platform says more items exist; defaults to <paramref name="Next"/> being set.</param>
public sealed record PlatformPage<T>(IReadOnlyList<T> Items, string? Next, int? Total = null, bool? More = null)
{
    /// <summary>Whether more items exist after this page, as far as the platform said.</summary>
    public bool HasMore => More ?? Next is not null;
}
