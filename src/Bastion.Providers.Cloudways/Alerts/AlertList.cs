using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Alerts;

/// <summary>Result of cloudways_list resource alerts.</summary>
internal sealed record AlertList(
    [property: Description("Alerts in the order Cloudways pages them, at most limit.")] IReadOnlyList<CloudwaysAlert> Alerts,
    [property: Description("True when more alerts exist than were returned.")] bool Truncated,
    [property: Description("Pages read from Cloudways (GET /alerts/, then GET /alerts/{last_id}).")] int Pages,
    [property: Description("What to know about the list (why it stopped); null when it is complete.")] string? Note);
