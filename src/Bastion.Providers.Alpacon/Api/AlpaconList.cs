using System.Text.Json;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>The items a listing gathered over its pages.</summary>
/// <param name="Items">Alpacon's objects, in the order the pages gave them, at most the limit asked for.</param>
/// <param name="Total">How many the platform has (its <c>count</c>), or how many were seen when it gives none.</param>
/// <param name="Truncated">True when the platform has more than <paramref name="Items"/> holds.</param>
internal sealed record AlpaconList(IReadOnlyList<JsonElement> Items, int Total, bool Truncated);
