namespace Bastion.Core.Inventory;

/// <summary>One listing of a platform's hosts, as kept for the instances that share a store.</summary>
/// <param name="Hosts">The hosts; when the platform could not be asked, those of the last successful listing (maybe none).</param>
/// <param name="Error">Why the platform could not be asked (the inventory's note), or null when it answered.</param>
/// <param name="Age">How long ago the listing was made, by the store's clock (zero for one made just now).</param>
public sealed record HostListing(IReadOnlyList<Host> Hosts, string? Error, TimeSpan Age);
