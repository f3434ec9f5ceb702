using System.ComponentModel;

namespace Bastion.Providers.WebOps.Health;

/// <summary>The WebOps server's health (webops_status resource=health).</summary>
internal sealed record SystemHealth(
    [property: Description("WebOps's verdict: CPU < 90 %, memory < 95 %, disk < 95 %, workers up and no critical alert.")] bool Healthy,
    [property: Description("When WebOps checked (UTC).")] DateTimeOffset? CheckedAt,
    [property: Description("The server's resources now.")] ResourceUsage Resources,
    [property: Description("Background workers; null when WebOps did not report them.")] WorkerHealth? BackgroundWorkers,
    [property: Description("Checks of running deployments; null when not asked for or not reported.")] DeploymentsHealth? Deployments,
    [property: Description("Unacknowledged alerts.")] AlertCounts Alerts,
    [property: Description("Resource history over history_hours; null when history_hours is 0 or WebOps could not say (see notes).")] MetricsHistory? History,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
