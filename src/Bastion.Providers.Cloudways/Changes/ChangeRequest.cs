using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Changes;

/// <summary>One Cloudways write, built and checked before anything is sent.</summary>
/// <param name="Action">The tool's action, e.g. restart or le_install.</param>
/// <param name="Method">POST or DELETE.</param>
/// <param name="Path">The API path, e.g. /service/state.</param>
/// <param name="ServerId">The server it acts on.</param>
/// <param name="AppId">The app it acts on; null for a server-wide change.</param>
/// <param name="Fields">Every field sent: server_id, app_id (when given), then the action's own.</param>
/// <param name="What">The change in words, for progress and errors, e.g. "restart of nginx on server 50482".</param>
internal sealed record ChangeRequest(string Action, HttpMethod Method, string Path, long ServerId, long? AppId, IReadOnlyList<KeyValuePair<string, string>> Fields, string What)
{
    /// <summary>A change of <paramref name="serverId"/> (and <paramref name="appId"/>) with the action's own fields.</summary>
    public static ChangeRequest Post(string action, string path, long serverId, long? appId, string what, params KeyValuePair<string, string>[] fields) =>
        new(action, HttpMethod.Post, path, serverId, appId, Ids(serverId, appId, fields), what);

    /// <summary>A DELETE of <paramref name="path"/> for the app (parameters in the query string).</summary>
    public static ChangeRequest Delete(string action, string path, long serverId, long appId, string what) =>
        new(action, HttpMethod.Delete, path, serverId, appId, Ids(serverId, appId, []), what);

    private static List<KeyValuePair<string, string>> Ids(long serverId, long? appId, KeyValuePair<string, string>[] fields)
    {
        var all = new List<KeyValuePair<string, string>> { CloudwaysClient.Field("server_id", serverId) };
        if (appId is { } app)
        {
            all.Add(CloudwaysClient.Field("app_id", app));
        }

        all.AddRange(fields);
        return all;
    }
}
