using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bastion.Cli;

/// <summary>
/// Each MCP client's own configuration file and entry shape for Bastion: Claude Desktop
/// (<c>claude_desktop_config.json</c>, <c>mcpServers</c>), Claude Code (<c>~/.claude.json</c>, <c>mcpServers</c> with
/// <c>type</c>), Cursor (<c>~/.cursor/mcp.json</c>), VS Code (the user's <c>mcp.json</c>, <c>servers</c> with
/// <c>type</c>), Continue (<c>~/.continue/mcpServers/bastion.json</c>, the JSON form it reads beside its YAML) and
/// Windsurf (<c>~/.codeium/windsurf/mcp_config.json</c>, <c>serverUrl</c> for remote servers). Clients whose file takes no
/// remote URL (Claude Desktop, Continue's JSON form) reach an HTTP endpoint through <c>npx mcp-remote</c>.
/// </summary>
internal static class ClientConfig
{
    /// <summary>The clients Bastion writes configuration for.</summary>
    public static readonly IReadOnlyList<string> Clients = ["claude-desktop", "claude-code", "cursor", "vscode", "continue", "windsurf"];

    /// <summary>The name of Bastion's entry in a client's file.</summary>
    public const string EntryName = "bastion";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The command and arguments that start <c>bastion serve</c> with <paramref name="serveArguments"/>.</summary>
    public static (string Command, IReadOnlyList<string> Arguments) ServeCommand(IReadOnlyList<string> serveArguments)
    {
        var process = Environment.ProcessPath ?? "bastion";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [Path.Combine(AppContext.BaseDirectory, "bastion.dll"), "serve", .. serveArguments])
            : (process, ["serve", .. serveArguments]);
    }

    /// <summary>The user's configuration file of <paramref name="client"/> on this operating system, under <paramref name="home"/>.</summary>
    public static string FilePath(string client, string home)
    {
        var appData = OperatingSystem.IsMacOS() ? Path.Combine(home, "Library", "Application Support")
            : OperatingSystem.IsWindows() ? Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData)
            : Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".config");
        return client switch
        {
            "claude-desktop" => Path.Combine(appData, "Claude", "claude_desktop_config.json"),
            "claude-code" => Path.Combine(home, ".claude.json"),
            "cursor" => Path.Combine(home, ".cursor", "mcp.json"),
            "vscode" => Path.Combine(appData, "Code", "User", "mcp.json"),
            "continue" => Path.Combine(home, ".continue", "mcpServers", EntryName + ".json"),
            "windsurf" => Path.Combine(home, ".codeium", "windsurf", "mcp_config.json"),
            _ => throw Unknown(client),
        };
    }

    /// <summary>The property of <paramref name="client"/>'s file that holds server entries by name.</summary>
    public static string ContainerKey(string client) => client == "vscode" ? "servers" : "mcpServers";

    /// <summary>Bastion's entry for <paramref name="client"/>.</summary>
    public static JsonObject Entry(string client, ServerLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (!Clients.Contains(client))
        {
            throw Unknown(client);
        }

        if (launch.Url is null)
        {
            var stdio = new JsonObject();
            if (client is "vscode" or "claude-code")
            {
                stdio["type"] = "stdio";
            }

            stdio["command"] = launch.Command;
            stdio["args"] = Strings(launch.Arguments);
            if (launch.Environment.Count > 0)
            {
                stdio["env"] = Map(launch.Environment);
            }

            return stdio;
        }

        var url = launch.Url.ToString();
        var key = launch.KeyVariable;
        return client switch
        {
            "claude-code" => WithHeaders(new JsonObject { ["type"] = "http", ["url"] = url }, key is null ? null : $"Bearer ${{{key}}}"),
            "vscode" => WithHeaders(new JsonObject { ["type"] = "http", ["url"] = url }, key is null ? null : $"Bearer ${{env:{key}}}"),
            "cursor" => WithHeaders(new JsonObject { ["url"] = url }, key is null ? null : $"Bearer ${{env:{key}}}"),
            "windsurf" => WithHeaders(new JsonObject { ["serverUrl"] = url }, key is null ? null : $"Bearer ${{env:{key}}}"),
            _ => McpRemote(launch),
        };
    }

    /// <summary>A whole file's worth: <c>{"mcpServers": {"bastion": entry}}</c> (<c>servers</c> for VS Code).</summary>
    public static JsonObject Document(string client, JsonObject entry) =>
        new() { [ContainerKey(client)] = new JsonObject { [EntryName] = entry } };

    /// <summary>JSON text, indented, with a final newline.</summary>
    public static string Json(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.ToJsonString(Indented) + "\n";
    }

    /// <summary>What to paste for <paramref name="client"/>, with a comment line saying where it goes (for <c>bastion setup</c>'s closing words).</summary>
    public static string Render(string client, string command, IReadOnlyList<string> arguments)
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return $"# Add to {FilePath(client, home)} (or run: bastion config {client} --install):\n" +
            Json(Document(client, Entry(client, ServerLaunch.Stdio(command, arguments))));
    }

    private static JsonObject McpRemote(ServerLaunch launch)
    {
        var arguments = new List<string> { "-y", "mcp-remote", launch.Url!.ToString() };
        if (launch.Url.Scheme == "http" && !launch.Url.IsLoopback)
        {
            arguments.Add("--allow-http");
        }

        var entry = new JsonObject { ["command"] = "npx" };
        if (launch.KeyVariable is { } key)
        {
            // mcp-remote replaces ${NAME} in a header with its own environment's NAME, which the client sets from env.
            arguments.AddRange(["--header", $"Authorization: Bearer ${{{key}}}"]);
            entry["args"] = Strings(arguments);
            entry["env"] = new JsonObject { [key] = launch.KeyValue ?? $"<the API key; or set {key} and run with --install>" };
            return entry;
        }

        entry["args"] = Strings(arguments);
        return entry;
    }

    private static JsonObject WithHeaders(JsonObject entry, string? authorization)
    {
        if (authorization is not null)
        {
            entry["headers"] = new JsonObject { ["Authorization"] = authorization };
        }

        return entry;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    private static JsonObject Map(IReadOnlyDictionary<string, string> values) =>
        new(values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)JsonValue.Create(v.Value))));

    private static Core.BastionException Unknown(string client) => new($"Unknown client '{client}'. Accepted: {string.Join(", ", Clients)}.");
}
