using System.Text.RegularExpressions;
using Bastion.Core;
using Bastion.Core.Secrets.Vault;

namespace Bastion.Providers.Alpacon;

/// <summary>
/// The vault entries Alpacon is configured with, in the caller's vault namespace (<c>bastion vault set NAME</c>): the
/// list of workspaces, and for each workspace its token and its region or pinned URL.
/// </summary>
public static partial class AlpaconVault
{
    /// <summary>The workspace names, comma-separated (e.g. <c>acme,beta</c>).</summary>
    public const string Workspaces = "alpacon/workspaces";

    /// <summary>The API token of <paramref name="workspace"/> (sent as <c>Authorization: token=…</c>): <c>alpacon/&lt;workspace&gt;/token</c>.</summary>
    public static string Token(string workspace) => $"alpacon/{workspace}/token";

    /// <summary>The region of <paramref name="workspace"/> (e.g. <c>ap1</c>, giving <c>https://&lt;workspace&gt;.ap1.alpacon.io</c>): <c>alpacon/&lt;workspace&gt;/region</c>.</summary>
    public static string Region(string workspace) => $"alpacon/{workspace}/region";

    /// <summary>A pinned base URL of <paramref name="workspace"/> (https, or http on a loopback address), which wins over the region: <c>alpacon/&lt;workspace&gt;/url</c>.</summary>
    public static string Url(string workspace) => $"alpacon/{workspace}/url";

    /// <summary>The names that hold settings, shown in answers as they are (those of an example workspace, <c>acme</c>).</summary>
    public static IReadOnlyList<string> Settings { get; } = [Workspaces, Region("acme"), Url("acme")];

    /// <summary>The names that hold secrets, redacted wherever they appear (those of an example workspace, <c>acme</c>).</summary>
    public static IReadOnlyList<string> Secrets { get; } = [Token("acme")];

    /// <summary>
    /// A tenant's Alpacon over HTTP, one workspace: <c>x-alpacon-workspace</c> (its name), <c>x-alpacon-token</c> (its API
    /// token), and <c>x-alpacon-region</c> (e.g. <c>ap1</c>) or <c>x-alpacon-url</c> (a pinned base URL, which wins).
    /// They become <see cref="Workspaces"/> (that one name), <see cref="Token"/>, and <see cref="Region"/> or
    /// <see cref="Url"/> of that workspace; a region given removes a URL pinned earlier, which would otherwise win.
    /// </summary>
    public static CredentialHeaderSet Headers { get; } = new("alpacon",
        new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["x-alpacon-workspace"] = "the workspace name (lowercase letters, digits and '-')",
            ["x-alpacon-token"] = "the workspace's API token (Authorization: token=…)",
            ["x-alpacon-region"] = "its region, e.g. ap1 (https://<workspace>.<region>.alpacon.io)",
            ["x-alpacon-url"] = "or a pinned base URL (https, or http on loopback), which wins over the region",
        },
        HeaderWrites);

    private static List<VaultWrite> HeaderWrites(IReadOnlyDictionary<string, string> present)
    {
        const string Accepted = "x-alpacon-workspace (the workspace name), x-alpacon-token, and x-alpacon-region (e.g. ap1) or x-alpacon-url";
        if (!present.TryGetValue("x-alpacon-workspace", out var workspace))
        {
            throw new BastionException($"alpacon: {string.Join(" and ", present.Keys)} needs x-alpacon-workspace; send {Accepted}.");
        }

        if (!WorkspaceName().IsMatch(workspace))
        {
            throw new BastionException($"alpacon: x-alpacon-workspace '{workspace}' is not a workspace name (lowercase letters, digits and '-', 1-63 characters).");
        }

        if (!present.TryGetValue("x-alpacon-token", out var token) || !(present.ContainsKey("x-alpacon-region") || present.ContainsKey("x-alpacon-url")))
        {
            throw new BastionException($"alpacon: the headers configure one workspace whole; send {Accepted}.");
        }

        List<VaultWrite> writes = [new(Workspaces, workspace, false), new(Token(workspace), token, true)];
        if (present.TryGetValue("x-alpacon-url", out var url))
        {
            writes.Add(new(Url(workspace), url, false));
        }
        else
        {
            writes.Add(new(Region(workspace), present["x-alpacon-region"], false));
            writes.Add(new(Url(workspace), null, false));
        }

        return writes;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex WorkspaceName();
}
