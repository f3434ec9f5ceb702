using Bastion.Providers.WebOps.Logs;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>One webops_deployment call's arguments; null means not given.</summary>
internal sealed record DeploymentQuery(
    DeploymentResource Resource,
    string? Name = null,
    DeploymentState? Status = null,
    string? NameContains = null,
    DeployEnvironment? Environment = null,
    DeploymentLogLevel? Level = null,
    DateTimeOffset? Since = null,
    DateTimeOffset? Until = null,
    string? Contains = null,
    int? Limit = null);
