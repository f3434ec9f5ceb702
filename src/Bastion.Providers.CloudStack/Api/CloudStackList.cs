using System.ComponentModel;

namespace Bastion.Providers.CloudStack.Api;

/// <summary>A CloudStack listing gathered over its pages, bounded by the caller's limit and Bastion's listing bound.</summary>
internal sealed record CloudStackList<T>(
    [property: Description("How many items CloudStack reports as matching (its count), which may be more than returned.")] int Total,
    [property: Description("The items, in CloudStack's order, at most limit.")] IReadOnlyList<T> Items,
    [property: Description("True when fewer items are returned than match.")] bool Truncated,
    [property: Description("Why the list is cut and how to see more; null when it is complete.")] string? Note)
{
    /// <summary>The same listing with its items turned into another shape.</summary>
    public CloudStackList<TOut> Select<TOut>(Func<T, TOut> map) => new(Total, Items.Select(map).ToList(), Truncated, Note);
}
