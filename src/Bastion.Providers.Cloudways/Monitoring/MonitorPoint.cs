using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>One value of a monitoring series (<c>datapoint: [value, unix time]</c>).</summary>
internal sealed record MonitorPoint(
    [property: Description("The figure as Cloudways reports it; Cloudways does not document its unit (the dashboard shows bandwidth and disk sizes in MB).")] double? Value,
    [property: Description("When it was measured, UTC ISO-8601 (from Cloudways' unix time); null when not given.")] DateTimeOffset? At);
