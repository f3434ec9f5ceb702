using System.ComponentModel;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>The outcome of a deletion (webops_deployment_control action=delete).</summary>
internal sealed record DeleteResult(
    [property: Description("The deployment's name.")] string Deployment,
    [property: Description("WebOps's answer, e.g. 'Deployment blog delete queued'.")] string Message,
    [property: Description("True when Bastion saw the deployment disappear; false when the wait ended first or wait was false.")] bool Gone,
    [property: Description("What to know; empty when nothing.")] IReadOnlyList<string> Notes);
