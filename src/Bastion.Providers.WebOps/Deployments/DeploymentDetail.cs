using System.ComponentModel;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>Result of webops_deployment_show.</summary>
internal sealed record DeploymentDetail(
    [property: Description("The deployment.")] Deployment Deployment,
    [property: Description("The app's ENVIRONMENT variable (development, staging, production as webops_deploy sets it); null when unset.")] string? Environment,
    [property: Description("Names of the app's environment variables, sorted. Values are withheld: they often hold credentials.")] IReadOnlyList<string> EnvVarNames,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
