using System.Diagnostics.Metrics;
using Bastion.Core.Telemetry;

namespace Bastion.Core.Audit.Shipping;

/// <summary>
/// Shipping's instruments on <see cref="BastionTelemetry.Meter"/>, by <c>sink</c> (<c>syslog</c>, <c>otlp</c>):
/// <c>bastion.audit.shipped</c> (entries a receiver accepted) and <c>bastion.audit.ship.dropped</c> (entries dropped
/// because the sink's buffer was full: the receiver was down or slow; the local chain still holds them).
/// </summary>
public static class ShippingTelemetry
{
    /// <summary><c>bastion.audit.shipped</c>: entries a receiver accepted, by <c>sink</c>.</summary>
    public static Counter<long> Sent { get; } =
        BastionTelemetry.Meter.CreateCounter<long>("bastion.audit.shipped", "{entry}", "Audit entries a shipping receiver accepted, by sink.");

    /// <summary><c>bastion.audit.ship.dropped</c>: entries dropped by a full shipping buffer, by <c>sink</c>.</summary>
    public static Counter<long> Dropped { get; } =
        BastionTelemetry.Meter.CreateCounter<long>("bastion.audit.ship.dropped", "{entry}", "Audit entries dropped because a shipping buffer was full (receiver down or slow), by sink.");
}
