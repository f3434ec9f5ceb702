using System.Text.Json;
using System.Text.Json.Nodes;
using Bastion.Core;

namespace Bastion.Cli;

/// <summary>
/// Merges Bastion's entry into a client's own JSON file: every other property and server entry is kept, the previous
/// file is kept as <c>FILE.bak</c>, and the new one replaces it atomically (a temporary file in the same directory,
/// flushed, then renamed over it, with the old file's permissions; 0600 for a new file). A file that is not a JSON
/// object (including JSON with comments, which a rewrite would lose) is refused and left untouched.
/// </summary>
internal static class ClientConfigFile
{
    /// <summary>Sets <c>container.name = entry</c> in <paramref name="file"/>, creating the file and its directory when missing.</summary>
    /// <exception cref="BastionException">The existing file is not a JSON object, or its container is not an object; it is left as it was.</exception>
    public static async Task<ClientConfigInstall> InstallAsync(string file, string container, string name, JsonObject entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        JsonObject root;
        var exists = File.Exists(file);
        if (exists)
        {
            var text = await File.ReadAllTextAsync(file, cancellationToken);
            root = Parse(file, text);
        }
        else
        {
            root = [];
        }

        var servers = root[container] switch
        {
            null => (JsonObject)(root[container] = new JsonObject()),
            JsonObject existing => existing,
            var other => throw new BastionException($"{file}: \"{container}\" is {other.GetValueKind()}, not an object of servers; left untouched. Fix it, then run again."),
        };
        var replaced = servers.ContainsKey(name);
        servers[name] = entry;

        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        string? backup = null;
        if (exists)
        {
            backup = file + ".bak";
            File.Copy(file, backup, overwrite: true);
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(file)}.{Environment.ProcessId}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OperatingSystem.IsWindows() ? null : exists ? File.GetUnixFileMode(file) : UnixFileMode.UserRead | UnixFileMode.UserWrite,
            }))
            {
                await stream.WriteAsync(System.Text.Encoding.UTF8.GetBytes(ClientConfig.Json(root)), cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return new ClientConfigInstall(file, backup, replaced);
    }

    private static JsonObject Parse(string file, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject
                ?? throw new BastionException($"{file} is not a JSON object; left untouched. Fix it or move it away, then run again.");
        }
        catch (JsonException e)
        {
            throw new BastionException($"{file} is not valid JSON ({e.Message}); left untouched. Fix it (comments are not kept by a rewrite: remove them) or move it away, then run again.");
        }
    }
}
