using Bastion.Core;
using Bastion.Core.Progress;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Changes;

namespace Bastion.Providers.Cloudways.Git;

/// <summary>
/// Git deployment of an app. Sources: <c>GET /git/history</c> (<c>{"logs": […]}</c>), <c>GET /git/branchNames</c>
/// (git_url; <c>{"branches": […]}</c>), <c>GET /git/key</c> (<c>{"key": …}</c>), <c>POST /git/generateKey</c>,
/// <c>POST /git/clone</c> (git_url, branch_name, deploy_path) and <c>POST /git/pull</c> (branch_name, deploy_path),
/// both operations.
/// </summary>
internal sealed class CloudwaysGit(CloudwaysClient client, CloudwaysChanges changes)
{
    /// <summary>What git_clone's and git_pull's branch accepts.</summary>
    public const string BranchAccepted = "the branch to deploy, e.g. main";

    /// <summary>What git_url accepts, for the error when a read or action that needs it has none.</summary>
    public const string GitUrlAccepted = "the repository's SSH address, e.g. git@github.com:org/site.git";

    /// <summary>Reads the app's deployments, a repository's branches, or the deploy key.</summary>
    /// <exception cref="BastionException">branches without git_url (which read takes git_url is cloudways_app's ParameterUse table).</exception>
    /// <exception cref="PlatformException">Cloudways refused the call.</exception>
    public async Task<CloudwaysData> ReadAsync(long serverId, long appId, GitRead what, string? gitUrl, int limit, CancellationToken cancellationToken)
    {
        var (path, name) = what switch
        {
            GitRead.History => ("/git/history", "history"),
            GitRead.Branches => ("/git/branchNames", "branches"),
            _ => ("/git/key", "key"),
        };
        var query = new List<KeyValuePair<string, string>> { CloudwaysClient.Field("server_id", serverId), CloudwaysClient.Field("app_id", appId) };
        if (what == GitRead.Branches)
        {
            query.Add(CloudwaysClient.Field("git_url", ActionArgs.Need(gitUrl, "git_url", name, GitUrlAccepted)));
        }

        var answer = await client.GetAsync(path, cancellationToken, [.. query]);
        return CloudwaysData.Of($"GET {path}", answer, limit);
    }

    /// <summary>The Cloudways call for <paramref name="action"/>.</summary>
    /// <exception cref="BastionException">A field the action needs is missing (which action takes which field is cloudways_app_change's ParameterUse table).</exception>
    public static ChangeRequest Build(long serverId, long appId, GitAction action, string? gitUrl, string? branch, string? deployPath)
    {
        switch (action)
        {
            case GitAction.GenerateKey:
                return ChangeRequest.Post("git_key", "/git/generateKey", serverId, appId, $"deploy key of app {appId}");
            case GitAction.Clone:
                return ChangeRequest.Post("git_clone", "/git/clone", serverId, appId, $"git clone into app {appId}",
                    CloudwaysClient.Field("git_url", ActionArgs.Need(gitUrl, "git_url", "git_clone", GitUrlAccepted)),
                    CloudwaysClient.Field("branch_name", ActionArgs.Need(branch, "branch", "git_clone", BranchAccepted)),
                    CloudwaysClient.Field("deploy_path", deployPath?.Trim() ?? string.Empty));
            default:
                return ChangeRequest.Post("git_pull", "/git/pull", serverId, appId, $"git pull into app {appId}",
                    CloudwaysClient.Field("branch_name", ActionArgs.Need(branch, "branch", "git_pull", BranchAccepted)),
                    CloudwaysClient.Field("deploy_path", deployPath?.Trim() ?? string.Empty));
        }
    }

    /// <summary>Runs <paramref name="action"/>, waiting for clone and pull with progress.</summary>
    /// <exception cref="BastionException">A field the action needs is missing.</exception>
    /// <exception cref="PlatformException">Cloudways refused it, or the operation failed.</exception>
    public Task<ChangeResult> DeployAsync(long serverId, long appId, GitAction action, string? gitUrl, string? branch, string? deployPath, bool wait, IProgress<StepProgress>? progress, CancellationToken cancellationToken) =>
        changes.RunAsync(Build(serverId, appId, action, gitUrl, branch, deployPath), wait, progress, cancellationToken);
}
