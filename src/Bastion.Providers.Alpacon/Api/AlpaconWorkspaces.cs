using System.Text.RegularExpressions;
using Bastion.Core;

namespace Bastion.Providers.Alpacon.Api;

/// <summary>
/// The Alpacon workspaces configured in the caller's vault namespace:
/// <list type="bullet">
/// <item><c>alpacon/workspaces</c>: the workspace names, comma-separated (e.g. <c>acme,beta</c>);</item>
/// <item><c>alpacon/&lt;workspace&gt;/token</c>: its API token (sent as <c>Authorization: token=…</c>);</item>
/// <item><c>alpacon/&lt;workspace&gt;/region</c>: its region (e.g. <c>ap1</c>), giving <c>https://&lt;workspace&gt;.&lt;region&gt;.alpacon.io</c>;
/// or <c>alpacon/&lt;workspace&gt;/url</c>: a pinned base URL (https, or http on a loopback address), which wins over the region.</item>
/// </list>
/// </summary>
internal sealed partial class AlpaconWorkspaces(PlatformCredentials credentials)
{
    /// <summary>The vault name that lists the workspaces.</summary>
    public const string ListName = "alpacon/workspaces";

    /// <summary>The vault name of <paramref name="workspace"/>'s API token.</summary>
    public static string TokenName(string workspace) => $"alpacon/{workspace}/token";

    /// <summary>The vault name of <paramref name="workspace"/>'s region.</summary>
    public static string RegionName(string workspace) => $"alpacon/{workspace}/region";

    /// <summary>The vault name of <paramref name="workspace"/>'s pinned base URL.</summary>
    public static string UrlName(string workspace) => $"alpacon/{workspace}/url";

    /// <summary>True when the vault lists at least one workspace.</summary>
    public bool IsConfigured => credentials.Has(ListName);

    /// <summary>Every configured workspace, in the order the list gives.</summary>
    /// <exception cref="BastionException">The list names a workspace badly, or a workspace lacks its token or its region/url.</exception>
    public IReadOnlyList<AlpaconWorkspace> All()
    {
        var list = credentials.Get(ListName);
        if (string.IsNullOrWhiteSpace(list))
        {
            throw new BastionException($"No Alpacon workspace is configured. Store the names with 'echo acme | bastion vault set {ListName}', then alpacon/acme/token and alpacon/acme/region (e.g. ap1) or alpacon/acme/url (see docs/platforms/alpacon.md).");
        }

        return list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .Select(Read)
            .ToList();
    }

    /// <summary>The workspace named <paramref name="name"/>; null or empty: the only one configured.</summary>
    /// <exception cref="BastionException">No such workspace, or several are configured and none was named.</exception>
    public AlpaconWorkspace Resolve(string? name)
    {
        var all = All();
        if (string.IsNullOrWhiteSpace(name))
        {
            return all.Count == 1
                ? all[0]
                : throw new BastionException($"Several Alpacon workspaces are configured ({string.Join(", ", all.Select(w => w.Name))}); name one with workspace.");
        }

        return all.FirstOrDefault(w => w.Name == name)
            ?? throw new BastionException($"Alpacon workspace '{name}' is not configured. Configured: {string.Join(", ", all.Select(w => w.Name))}.");
    }

    private AlpaconWorkspace Read(string name)
    {
        if (!WorkspaceName().IsMatch(name))
        {
            throw new BastionException($"'{name}' in {ListName} is not a workspace name (lowercase letters, digits and '-', 1-63 characters).");
        }

        var token = credentials.Get(TokenName(name))
            ?? throw new BastionException($"Alpacon workspace '{name}' has no token: store it with 'bastion vault set alpacon/{name}/token'.");
        if (credentials.Get(UrlName(name)) is { Length: > 0 } url)
        {
            return new AlpaconWorkspace(name, PinnedUri(name, url), token, null);
        }

        var region = credentials.Get(RegionName(name))
            ?? throw new BastionException($"Alpacon workspace '{name}' has neither alpacon/{name}/region (e.g. ap1) nor alpacon/{name}/url in the vault.");
        if (!WorkspaceName().IsMatch(region))
        {
            throw new BastionException($"alpacon/{name}/region '{region}' is not a region name (e.g. ap1, us1, eu1).");
        }

        return new AlpaconWorkspace(name, new Uri($"https://{name}.{region}.alpacon.io/"), token, region);
    }

    private static Uri PinnedUri(string name, string url)
    {
        if (!Uri.TryCreate(url.TrimEnd('/') + "/", UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            || !string.IsNullOrEmpty(uri.Query))
        {
            throw new BastionException($"alpacon/{name}/url must be an https URL (http only on a loopback address) without a query, e.g. https://{name}.ap1.alpacon.io.");
        }

        return uri;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex WorkspaceName();
}
