using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bastion.Providers.WebOps.Api;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>A WebOps deployment as <c>GET /api/deployments/</c> and <c>/api/deployments/{name}/</c> report it.</summary>
internal sealed record Deployment(
    [property: Description("WebOps's integer id of the deployment.")] int Id,
    [property: Description("The deployment's unique name; the other webops_ tools take it.")] string Name,
    [property: Description("Where WebOps's record stands: pending, building, running, stopped or failed. It is the record, not a process check (see webops_deployment resource=status).")] string Status,
    [property: Description("Project type WebOps detected from the repository (django, python, nodejs, go, static, docker, …); null when not reported.")] string? ProjectType,
    [property: Description("Git repository the deployment is built from.")] string? RepoUrl,
    [property: Description("Git branch deployed.")] string? Branch,
    [property: Description("Custom domain; null when none is set.")] string? Domain,
    [property: Description("Local port WebOps allocated to the app; null before allocation.")] int? Port,
    [property: Description("When the deployment was created (UTC).")] DateTimeOffset? CreatedAt,
    [property: Description("When WebOps last changed the record (UTC).")] DateTimeOffset? UpdatedAt)
{
    /// <summary>The deployment in a list item or detail object of WebOps.</summary>
    public static Deployment From(JsonElement e) => new(
        e.Int("id") ?? 0,
        e.Str("name") ?? string.Empty,
        e.Str("status") ?? "unknown",
        e.Str("project_type"),
        e.Str("repo_url"),
        e.Str("branch"),
        e.Str("domain") is { Length: > 0 } domain ? domain : null,
        e.Int("port"),
        e.Time("created_at"),
        e.Time("updated_at"));

    /// <summary>True once WebOps has finished with the deployment's build, well or badly.</summary>
    [JsonIgnore]
    public bool Settled => Status is "running" or "failed" or "stopped";
}
