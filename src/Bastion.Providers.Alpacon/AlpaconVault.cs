namespace Bastion.Providers.Alpacon;

/// <summary>
/// The vault entries Alpacon is configured with, in the caller's vault namespace (<c>bastion vault set NAME</c>): the
/// list of workspaces, and for each workspace its token and its region or pinned URL.
/// </summary>
public static class AlpaconVault
{
    /// <summary>The workspace names, comma-separated (e.g. <c>acme,beta</c>).</summary>
    public const string Workspaces = "alpacon/workspaces";

    /// <summary>The API token of <paramref name="workspace"/> (sent as <c>Authorization: token=…</c>): <c>alpacon/&lt;workspace&gt;/token</c>.</summary>
    public static string Token(string workspace) => $"alpacon/{workspace}/token";

    /// <summary>The region of <paramref name="workspace"/> (e.g. <c>ap1</c>, giving <c>https://&lt;workspace&gt;.ap1.alpacon.io</c>): <c>alpacon/&lt;workspace&gt;/region</c>.</summary>
    public static string Region(string workspace) => $"alpacon/{workspace}/region";

    /// <summary>A pinned base URL of <paramref name="workspace"/> (https, or http on a loopback address), which wins over the region: <c>alpacon/&lt;workspace&gt;/url</c>.</summary>
    public static string Url(string workspace) => $"alpacon/{workspace}/url";
}
