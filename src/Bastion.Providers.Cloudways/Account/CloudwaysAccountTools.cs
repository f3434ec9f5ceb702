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
    [Description("The projects of the Cloudways account (GET /project): id, name, whether it is the default, creation time. Apps carry a project_id (cloudways_server_get); Cloudways servers appear in hosts_list with a project label when all their apps share one project.")]
    public async Task<ProjectList> ProjectsAsync(
        [Description("Most projects to return (1-1000).")][Range(1, 1000)] int limit = 200,
        CancellationToken cancellationToken = default)
    {
        var (items, total, truncated) = Limits.Take(await projects.ListAsync(cancellationToken), limit);
        return new ProjectList(total, items, truncated);
    }

    [McpServerTool(Name = "cloudways_team_list", Title = "List Cloudways team members", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("The members of the Cloudways team (GET /member): id, name, email, status, role and whether they have full access. Use it for 'who can manage these servers'.")]
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
