using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>A Cloudways project (a named group of apps), from <c>GET /project</c>.</summary>
internal sealed record CloudwaysProject(
    [property: Description("Project id (the project_id of apps).")] long Id,
    [property: Description("Project name.")] string? Name,
    [property: Description("True for the account's default project.")] bool? IsDefault,
    [property: Description("When it was created, as Cloudways prints it.")] string? CreatedAt)
{
    public static CloudwaysProject From(JsonElement project) => new(
        project.Long("id") ?? 0,
        project.Text("name"),
        project.Flag("is_default"),
        project.Text("created_at"));
}
