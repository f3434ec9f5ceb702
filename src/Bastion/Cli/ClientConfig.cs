using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bastion.Cli;

/// <summary>
/// The configuration each MCP client needs to start this Bastion over stdio, with this machine's paths: the program to
/// run (this executable, or <c>dotnet bastion.dll</c> when run through the dotnet host) and its arguments.
/// </summary>
internal static class ClientConfig
{
    /// <summary>The clients Bastion prints configuration for.</summary>
    public static readonly IReadOnlyList<string> Clients = ["claude-desktop", "claude-code", "cursor", "vscode"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The command and arguments that start <c>bastion serve</c> with <paramref name="serveArguments"/>.</summary>
    public static (string Command, IReadOnlyList<string> Arguments) ServeCommand(IReadOnlyList<string> serveArguments)
    {
        var process = Environment.ProcessPath ?? "bastion";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [Path.Combine(AppContext.BaseDirectory, "bastion.dll"), "serve", .. serveArguments])
            : (process, ["serve", .. serveArguments]);
    }

    /// <summary>What to paste, or run, for <paramref name="client"/>, with a line saying where it goes.</summary>
    public static string Render(string client, string command, IReadOnlyList<string> arguments)
    {
        var server = new JsonObject { ["command"] = command, ["args"] = new JsonArray([.. arguments.Select(a => JsonValue.Create(a))]) };
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return client switch
        {
            "claude-desktop" =>
                $"# Add to {Path.Combine(home, ".config", "Claude", "claude_desktop_config.json")} (macOS: ~/Library/Application Support/Claude/claude_desktop_config.json), then restart Claude Desktop:\n" +
                Json(new JsonObject { ["mcpServers"] = new JsonObject { ["bastion"] = server } }),
            "claude-code" =>
                "# Run once:\n" +
                $"claude mcp add --scope user bastion -- {string.Join(' ', new[] { command }.Concat(arguments).Select(Quote))}\n",
            "cursor" =>
                $"# Add to {Path.Combine(home, ".cursor", "mcp.json")} (or .cursor/mcp.json in a project):\n" +
                Json(new JsonObject { ["mcpServers"] = new JsonObject { ["bastion"] = server } }),
            "vscode" =>
                "# Add to .vscode/mcp.json in your workspace (or run: code --add-mcp '<the bastion object below, with \"name\": \"bastion\">'):\n" +
                Json(new JsonObject { ["servers"] = new JsonObject { ["bastion"] = new JsonObject { ["type"] = "stdio", ["command"] = command, ["args"] = server["args"]!.DeepClone() } } }),
            _ => throw new Core.BastionException($"Unknown client '{client}'. Accepted: {string.Join(", ", Clients)}."),
        };
    }

    private static string Json(JsonNode node) => node.ToJsonString(Indented) + "\n";

    private static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '.' or '-' or '_' or '=' or ':' or '@') ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
