using System.ComponentModel;

namespace Bastion.Providers.WebOps.Health;

/// <summary>One running deployment's check, from <c>deployments.results</c> of the health check.</summary>
internal sealed record DeploymentCheck(
    [property: Description("The deployment's name.")] string Name,
    [property: Description("True when its process runs and its HTTP check (if any) passed.")] bool Healthy,
    [property: Description("Its process state, e.g. running.")] string? ServiceStatus,
    [property: Description("HTTP status of WebOps's request to the app; null when not checked.")] int? HttpStatus,
    [property: Description("Response time of that request, seconds.")] double? ResponseSeconds);
