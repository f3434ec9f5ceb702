using System.ComponentModel;

namespace Bastion.Providers.Cloudways.Monitoring;

/// <summary>One series of a monitoring summary: an app (by its system user) or the server.</summary>
internal sealed record MonitorSeries(
    [property: Description("What it measures: an app's system user name, or the server.")] string? Name,
    [property: Description("Cloudways' type of the series, e.g. apps.")] string? Type,
    [property: Description("Its values, oldest first as Cloudways returns them.")] IReadOnlyList<MonitorPoint> Points);
