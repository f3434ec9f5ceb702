using System.CommandLine;
using System.Text.RegularExpressions;
using Bastion.Core;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion config CLIENT</c>: Bastion's entry for an MCP client. Prints the JSON (and nothing else) on stdout, so it
/// can be redirected, with where it goes on stderr; <c>--install</c> merges it into the client's own file instead
/// (see <see cref="ClientConfigFile"/>). <c>--dnx</c> writes the form that runs the NuGet package with <c>dnx</c>;
/// <c>--http URL [--key-env NAME]</c> the form for a shared Bastion over HTTP.
/// </summary>
internal static partial class ConfigCommand
{
    /// <summary>The NuGet package id of Bastion (the .NET tool and MCP server package).</summary>
    public const string PackageId = "BastionMcp";

    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = string.Join(", ", ClientConfig.Clients) + "." };
        client.AcceptOnlyFromAmong([.. ClientConfig.Clients]);
        var mode = new Option<string?>("--mode") { Description = "Mode the client should start Bastion in: read-only (default), operator, admin." };
        mode.AcceptOnlyFromAmong("read-only", "operator", "admin");
        var install = new Option<bool>("--install") { Description = "Merge the entry into the client's own configuration file (other entries kept, previous file kept as .bak, written atomically) instead of printing it." };
        var dnx = new Option<bool>("--dnx") { Description = $"Start Bastion with `dnx {PackageId} --yes` (the NuGet package, fetched on first use; .NET 10 SDK) instead of this executable." };
        var http = new Option<string?>("--http") { Description = "Connect to a Bastion serving Streamable HTTP at this URL (e.g. https://mcp.example.com/mcp) instead of starting one; clients without HTTP support go through npx mcp-remote." };
        var keyEnv = new Option<string?>("--key-env") { Description = "With --http: the environment variable holding the API key, sent as Authorization: Bearer (the client expands it; for mcp-remote, --install copies its value into the client's env block)." };
        var command = new Command("config", "Print (or --install) Bastion's entry for an MCP client, with this machine's paths.") { client, mode, install, dnx, http, keyEnv };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var name = parse.GetValue(client)!;
            var launch = Launch(parse, parse.GetValue(mode), parse.GetValue(dnx), parse.GetValue(http), parse.GetValue(keyEnv), parse.GetValue(install));
            var entry = ClientConfig.Entry(name, launch);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var file = ClientConfig.FilePath(name, home);
            if (!parse.GetValue(install))
            {
                await Console.Error.WriteLineAsync($"# Bastion's entry for {name}: merge it into {file} (\"{ClientConfig.ContainerKey(name)}\"), or let Bastion do it: bastion config {name} --install");
                Console.Out.Write(ClientConfig.Json(ClientConfig.Document(name, entry)));
                return 0;
            }

            var outcome = await ClientConfigFile.InstallAsync(file, ClientConfig.ContainerKey(name), ClientConfig.EntryName, entry, cancellationToken);
            await Console.Error.WriteLineAsync(
                $"{(outcome.Replaced ? "Replaced" : "Added")} \"{ClientConfig.EntryName}\" in {outcome.File}" +
                (outcome.Backup is null ? "." : $"; the previous file is kept as {outcome.Backup}.") +
                $" Restart {name} to load it.");
            if (launch.KeyVariable is { } variable && launch.Url is not null && launch.KeyValue is null && entry["env"] is not null)
            {
                await Console.Error.WriteLineAsync($"{variable} is not set here, so the entry holds a placeholder: set {variable} and run this again.");
            }

            return 0;
        });
        return command;
    }

    private static ServerLaunch Launch(ParseResult parse, string? mode, bool dnx, string? http, string? keyEnv, bool install)
    {
        if (http is not null)
        {
            if (!Uri.TryCreate(http, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
            {
                throw new BastionException($"--http '{http}' is not a URL. Accepted: http(s)://HOST[:PORT]/mcp, e.g. https://mcp.example.com/mcp.");
            }

            if (keyEnv is not null && !VariableName().IsMatch(keyEnv))
            {
                throw new BastionException($"--key-env '{keyEnv}' is not an environment variable name (letters, digits and '_', not starting with a digit), e.g. BASTION_API_KEY.");
            }

            return ServerLaunch.Http(url, keyEnv, install && keyEnv is not null ? Environment.GetEnvironmentVariable(keyEnv) : null);
        }

        if (keyEnv is not null)
        {
            throw new BastionException("--key-env goes with --http URL (the key of a remote Bastion).");
        }

        var explicitDataDirectory = parse.GetValue(ServerFlags.DataDirectory);
        if (dnx)
        {
            var environment = new Dictionary<string, string>();
            if (mode is not null and not "read-only")
            {
                environment[EnvironmentOptions.VariableOf("--mode")] = mode;
            }

            if (explicitDataDirectory is not null)
            {
                environment[Core.Configuration.BastionPaths.DataDirectoryVariable] = ServerFlags.Paths(parse).DataDirectory;
            }

            return ServerLaunch.Stdio("dnx", [PackageId, "--yes"], environment);
        }

        var arguments = new List<string> { "--data-dir", ServerFlags.Paths(parse).DataDirectory };
        if (mode is not null and not "read-only")
        {
            arguments.AddRange(["--mode", mode]);
        }

        var (program, args) = ClientConfig.ServeCommand(arguments);
        return ServerLaunch.Stdio(program, args);
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}
