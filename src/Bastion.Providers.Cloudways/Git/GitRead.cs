using System.Text.Json.Serialization;

namespace Bastion.Providers.Cloudways.Git;

/// <summary>Which git state cloudways_app reads.</summary>
internal enum GitRead
{
    /// <summary>Past deployments (<c>GET /git/history</c>).</summary>
    [JsonStringEnumMemberName("history")]
    History,

    /// <summary>A repository's branches (<c>GET /git/branchNames</c>: git_url).</summary>
    [JsonStringEnumMemberName("branches")]
    Branches,

    /// <summary>The app's public deploy key (<c>GET /git/key</c>).</summary>
    [JsonStringEnumMemberName("key")]
    Key,
}
