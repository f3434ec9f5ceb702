using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Git;

/// <summary>A git action of cloudways_app_change.</summary>
internal enum GitAction
{
    /// <summary>Create the app's deploy key (<c>POST /git/generateKey</c>); add its public half to the repository.</summary>
    [JsonStringEnumMemberName("generate_key")]
    GenerateKey,

    /// <summary>Clone a repository into the app and deploy it (<c>POST /git/clone</c>: git_url, branch_name, deploy_path).</summary>
    [JsonStringEnumMemberName("clone")]
    Clone,

    /// <summary>Pull and deploy the latest commits (<c>POST /git/pull</c>: branch_name, deploy_path).</summary>
    [JsonStringEnumMemberName("pull")]
    Pull,
}
