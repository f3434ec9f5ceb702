using System.ComponentModel;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>The deployments (webops_deployment resource=list).</summary>
internal sealed record DeploymentList(
    [property: Description("Deployments that match the filters, as far as Bastion could tell (WebOps's own count when only status is filtered).")] int Total,
    [property: Description("Matching deployments, newest first, at most limit.")] IReadOnlyList<Deployment> Deployments,
    [property: Description("True when more deployments matched than are returned.")] bool Truncated,
    [property: Description("What to know about the list (filters WebOps cannot apply itself, cuts); empty when nothing.")] IReadOnlyList<string> Notes);
