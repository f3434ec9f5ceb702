using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Account;

/// <summary>The Cloudways account: projects and team members (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysAccountTools(CloudwaysProjects projects, CloudwaysClient client)
{
    [McpServerTool(Name = "cloudways_projects_list", Title = "List Cloudways projects", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Projects of the Cloudways account: id, name, default, created time.")]
    public async Task<ProjectList> ProjectsAsync(
        [Description("Most projects to return (1-1000).")][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var (items, total, truncated) = Limits.Take(await projects.ListAsync(cancellationToken), limit);
        return new ProjectList(total, items, truncated);
    }

    [McpServerTool(Name = "cloudways_team_list", Title = "List Cloudways team members", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("Members of the Cloudways team: id, name, email, status, role, full access.")]
    public async Task<TeamList> TeamAsync(
        [Description("Most members to return (1-1000).")][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var answer = await client.GetAsync("/member", cancellationToken);
        var members = answer.Field("contents") is { } contents ? contents.Field("members") : answer.Field("members");
        var (items, total, truncated) = Limits.Take(LenientJson.Values(members).Select(TeamMember.From).ToList(), limit);
        return new TeamList(total, items, truncated);
    }
}
