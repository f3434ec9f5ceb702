using System.ComponentModel;

namespace Bastion.Providers.WebOps.Health;

/// <summary>Unacknowledged monitoring alerts, from <c>alerts</c> of the health check.</summary>
internal sealed record AlertCounts(
    [property: Description("Unacknowledged alerts.")] int? Open,
    [property: Description("Of those, critical (any makes WebOps unhealthy).")] int? Critical);
