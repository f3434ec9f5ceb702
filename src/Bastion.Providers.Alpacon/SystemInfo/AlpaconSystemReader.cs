using System.Text.Json;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Hosts;

namespace Bastion.Providers.Alpacon.SystemInfo;

/// <summary>
/// Reads what Alpacon's agent last reported about one server (<c>GET /api/proc/{kind}/?server=…</c>), without running
/// anything on it. Users, groups and packages are paged listings that take Alpacon's <c>search</c>; the other kinds
/// answer one object or a bare array, cut here to the limit.
/// </summary>
internal static class AlpaconSystemReader
{
    /// <summary>The <paramref name="kind"/> objects of <paramref name="target"/>, at most <paramref name="limit"/>.</summary>
    /// <param name="target">The Alpacon server.</param>
    /// <param name="kind">Which report.</param>
    /// <param name="search">Users, groups, packages: Alpacon's name search; ignored for the other kinds.</param>
    /// <param name="loginEnabledOnly">Users: only accounts that can log in.</param>
    /// <param name="limit">Most items returned.</param>
    /// <param name="cancellationToken">Ends the call.</param>
    /// <exception cref="PlatformException">Alpacon refused or failed the call.</exception>
    public static async Task<AlpaconItems> ReadAsync(AlpaconTarget target, AlpaconProcKind kind, string? search, bool loginEnabledOnly, int limit, CancellationToken cancellationToken)
    {
        var what = kind.ToString().ToLowerInvariant();
        var path = $"api/proc/{what}/";
        var query = new List<KeyValuePair<string, string?>> { new("server", target.ServerId) };
        if (kind is AlpaconProcKind.Users or AlpaconProcKind.Groups or AlpaconProcKind.Packages)
        {
            query.Add(new("search", search));
            if (kind == AlpaconProcKind.Users && loginEnabledOnly)
            {
                query.Add(new("login_enabled", "true"));
            }

            var list = await target.Client.ListAsync(path, query, limit, cancellationToken);
            return new AlpaconItems(target.Workspace, target.Host.Name, "/" + path, list.Total, list.Truncated, list.Items, list.CutNotes(what));
        }

        var answer = await target.Client.GetAsync(path, query, cancellationToken);
        List<JsonElement> items = answer.ValueKind switch
        {
            JsonValueKind.Array => answer.EnumerateArray().ToList(),
            JsonValueKind.Object when answer.Field("results") is { ValueKind: JsonValueKind.Array } results => results.EnumerateArray().ToList(),
            JsonValueKind.Undefined or JsonValueKind.Null => [],
            _ => [answer],
        };
        var kept = items.Take(limit).ToList();
        var notes = kept.Count < items.Count ? new[] { $"Showing {kept.Count} of {items.Count} {what}; raise limit to see others." } : [];
        return new AlpaconItems(target.Workspace, target.Host.Name, "/" + path, items.Count, kept.Count < items.Count, kept, notes);
    }
}
