using System.Text.Json;
using Bastion.Providers.Alpacon.Api;

namespace Bastion.Providers.Alpacon.Commands;

/// <summary>Alpacon's Command API: <c>POST /api/events/commands/</c> to submit, <c>GET /api/events/commands/{id}/</c> to look.</summary>
internal static class AlpaconCommandApi
{
    public const string Path = "api/events/commands/";

    /// <summary>Submits <paramref name="line"/> to run on the server; returns the command's id. Sent once, never retried.</summary>
    /// <exception cref="PlatformException">Alpacon refused it (ACL, validation) or did not answer.</exception>
    public static async Task<string> SubmitAsync(
        AlpaconClient client,
        string serverId,
        string line,
        string? data,
        IReadOnlyDictionary<string, string> environment,
        AlpaconOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["server"] = serverId,
            ["shell"] = "system",
            ["line"] = line,
        };
        if (environment.Count > 0)
        {
            body["env"] = environment;
        }

        if (data is not null)
        {
            body["data"] = data;
        }

        if (options.Username is { } user)
        {
            body["username"] = user;
        }

        if (options.Groupname is { } group)
        {
            body["groupname"] = group;
        }

        var answer = await client.PostAsync(Path, body, cancellationToken);
        // Alpacon answers with a list of the created commands, or with the one command.
        var created = answer.ValueKind == JsonValueKind.Array ? answer.EnumerateArray().FirstOrDefault() : answer;
        return created.Str("id")
            ?? throw new PlatformException(AlpaconErrors.Platform, $"workspace '{client.Workspace.Name}' accepted the command but returned no command id; look for it with alpacon_list resource=commands before running it again.");
    }

    /// <summary>The command's state now.</summary>
    public static async Task<AlpaconCommand> GetAsync(AlpaconClient client, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return AlpaconCommand.From(await client.GetAsync($"{Path}{Uri.EscapeDataString(id)}/", null, cancellationToken));
    }
}
