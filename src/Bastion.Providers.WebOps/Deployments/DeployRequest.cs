namespace Bastion.Providers.WebOps.Deployments;

/// <summary>What webops_deployment_control action=deploy asks WebOps to create.</summary>
/// <param name="Name">The deployment's name, unique across the WebOps.</param>
/// <param name="Repository">Git repository URL (http or https).</param>
/// <param name="Branch">Git branch to deploy.</param>
/// <param name="Environment">Passed to the app as <c>ENVIRONMENT</c>; null sets nothing.</param>
/// <param name="Domain">Custom domain to serve the app at; null for none.</param>
/// <param name="EnvVars">Environment variables for the app; null for none.</param>
internal sealed record DeployRequest(
    string Name,
    string Repository,
    string Branch,
    DeployEnvironment? Environment,
    string? Domain,
    IReadOnlyDictionary<string, string>? EnvVars);
