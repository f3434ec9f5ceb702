using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Api;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Git;

/// <summary>An app's git deployment state (read-only).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformRead)]
internal sealed class CloudwaysGitTools(CloudwaysGit git)
{
    [McpServerTool(Name = "cloudways_git", Title = "Cloudways git deployment state", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true, UseStructuredContent = true)]
    [Description("An app's git deployment: history, a repository's branches (git_url), or the deploy key.")]
    public Task<CloudwaysData> ReadAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("history, branches or key.")] GitRead what = GitRead.History,
        [Description("branches: the repository's SSH address.")][StringLength(500)] string? git_url = null,
        [Description("Most items per list (1-500).")][Range(1, 500)] int limit = 50,
        CancellationToken cancellationToken = default) =>
        git.ReadAsync(server_id, app_id, what, git_url, limit, cancellationToken);
}
