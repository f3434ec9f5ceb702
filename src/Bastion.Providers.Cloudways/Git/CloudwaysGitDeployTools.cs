using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Bastion.Core.Policy;
using Bastion.Tools;
using Bastion.Providers.Cloudways.Changes;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace Bastion.Providers.Cloudways.Git;

/// <summary>Deploying an app from git (destructive: a deploy overwrites the app's files; the pipeline asks first).</summary>
[McpServerToolType]
[Toolset("cloudways", Scopes.PlatformManage)]
internal sealed class CloudwaysGitDeployTools(CloudwaysGit git)
{
    [McpServerTool(Name = "cloudways_git_deploy", Title = "Cloudways git deploy", ReadOnly = false, Destructive = true, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("generate_key, clone (git_url, branch) or pull (branch) into an app, overwriting deploy_path. Waits for the operation.")]
    public Task<ChangeResult> DeployAsync(
        [Description("Cloudways server id.")][Range(1, long.MaxValue)] long server_id,
        [Description("Cloudways app id.")][Range(1, long.MaxValue)] long app_id,
        [Description("generate_key, clone or pull.")] GitAction action,
        [Description("clone: the repository's SSH address.")][StringLength(500)] string? git_url = null,
        [Description("clone, pull: the branch.")][StringLength(200)] string? branch = null,
        [Description("clone, pull: folder under public_html; empty for the root.")][StringLength(500)] string? deploy_path = null,
        [Description("False returns the operation id at once.")] bool wait = true,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default) =>
        git.DeployAsync(server_id, app_id, action, git_url, branch, deploy_path, wait, progress.AsSteps(), cancellationToken);
}
