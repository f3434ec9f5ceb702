using System.ComponentModel;

namespace Bastion.Providers.WebOps.Health;

/// <summary>The checks of running deployments, from <c>deployments</c> of the health check.</summary>
internal sealed record DeploymentsHealth(
    [property: Description("Running deployments WebOps checked.")] int Checked,
    [property: Description("Of those, healthy.")] int Healthy,
    [property: Description("Of those, unhealthy.")] int Unhealthy,
    [property: Description("Per deployment, unhealthy first, at most 50.")] IReadOnlyList<DeploymentCheck> Results,
    [property: Description("True when more results existed than are listed.")] bool Truncated);
