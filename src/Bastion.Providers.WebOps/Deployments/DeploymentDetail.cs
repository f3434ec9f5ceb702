using System.ComponentModel;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>One deployment's record (webops_deployment resource=record).</summary>
internal sealed record DeploymentDetail(
    [property: Description("The deployment.")] Deployment Deployment,
    [property: Description("The app's ENVIRONMENT variable (development, staging, production as webops_deployment_control action=deploy sets it); null when unset.")] string? Environment,
    [property: Description("Names of the app's environment variables, sorted. Values are withheld: they often hold credentials.")] IReadOnlyList<string> EnvVarNames,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
