namespace Bastion.Providers;

/// <summary>
/// The items a listing gathered over a platform's pages, bounded by the caller's limit and Bastion's listing bound
/// (<see cref="PlatformHttpOptions.MaxItems"/>).
/// </summary>
/// <typeparam name="T">One item as the adapter reads it (the platform's JSON object, or a record made of it).</typeparam>
/// <param name="Items">The items, in the order the pages gave them, at most the limit asked for.</param>
/// <param name="Total">How many the platform has (its own count), or how many were seen when it gives none.</param>
/// <param name="Truncated">True when the platform has more than <paramref name="Items"/> holds.</param>
public sealed record PlatformList<T>(IReadOnlyList<T> Items, int Total, bool Truncated)
{
    /// <summary>How many pages were read to gather the items.</summary>
    public int Pages { get; init; } = 1;

    /// <summary>True when gathering stopped at the most pages a listing reads, with more pages left.</summary>
    public bool PageBound { get; init; }

    /// <summary>The note a cut listing carries (none when it is whole), naming the items as <paramref name="what"/>.</summary>
    public IReadOnlyList<string> CutNotes(string what) =>
        Truncated ? [$"Showing {Items.Count} of {Total} {what}; raise limit or narrow the filter to see others."] : [];
}
