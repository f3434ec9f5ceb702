using System.Collections;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Core;
using Bastion.Core.Secrets.Vault;
using Bastion.Providers.Alpacon;
using Bastion.Providers.CloudStack;
using Bastion.Providers.Cloudways;
using Bastion.Providers.WebOps;

namespace Bastion.Cli.Import;

/// <summary>
/// The one place that knows the seed servers' configuration and the vault names Bastion's adapters read instead:
/// <list type="bullet">
/// <item>alpacon-mcp: <c>ALPACON_MCP_&lt;REGION&gt;_&lt;WORKSPACE&gt;_TOKEN</c> (and <c>…_URL</c>), and its token file
/// <c>{"region": {"workspace": "token"}}</c> (<c>$ALPACON_MCP_CONFIG_FILE</c>, else <c>~/.alpacon-mcp/token.json</c>,
/// else <c>./config/token.json</c>) → <c>alpacon/workspaces</c>, <c>alpacon/WS/token</c>, <c>alpacon/WS/region</c>;</item>
/// <item>the CloudStack server: <c>CLOUDSTACK_API_URL</c>, <c>CLOUDSTACK_API_KEY</c>, <c>CLOUDSTACK_SECRET_KEY</c>,
/// <c>CLOUDSTACK_USERNAME</c>, <c>CLOUDSTACK_PASSWORD</c>, <c>CLOUDSTACK_DOMAIN</c>;</item>
/// <item>the WebOps server: <c>WEBOPS_API_URL</c>, <c>WEBOPS_API_KEY</c> (or <c>WEBOPS_API_TOKEN</c>);</item>
/// <item>the Cloudways server's client configuration: <c>CLOUDWAYS_EMAIL</c>, <c>CLOUDWAYS_API_KEY</c>.</item>
/// </list>
/// <c>bastion import</c> stores what it finds; at run time the same variables answer through
/// <see cref="EnvironmentCredentials"/> without being stored.
/// </summary>
internal static partial class SeedCredentials
{
    /// <summary>The alpacon-mcp variable naming its token file.</summary>
    public const string AlpaconConfigFileVariable = "ALPACON_MCP_CONFIG_FILE";

    private static readonly (string Variable, string Name)[] Plain =
    [
        ("CLOUDSTACK_API_URL", CloudStackVault.Url),
        ("CLOUDSTACK_API_KEY", CloudStackVault.ApiKey),
        ("CLOUDSTACK_SECRET_KEY", CloudStackVault.SecretKey),
        ("CLOUDSTACK_USERNAME", CloudStackVault.Username),
        ("CLOUDSTACK_PASSWORD", CloudStackVault.Password),
        ("CLOUDSTACK_DOMAIN", CloudStackVault.Domain),
        ("WEBOPS_API_URL", WebOpsVault.Url),
        ("WEBOPS_API_TOKEN", WebOpsVault.Token),
        ("WEBOPS_API_KEY", WebOpsVault.Token),
        ("CLOUDWAYS_EMAIL", CloudwaysVault.Email),
        ("CLOUDWAYS_API_KEY", CloudwaysVault.ApiKey),
    ];

    /// <summary>Every variable name this class reads besides the <c>ALPACON_MCP_*_TOKEN</c>/<c>_URL</c> family, for help texts.</summary>
    public static IEnumerable<string> Variables => Plain.Select(p => p.Variable).Append(AlpaconConfigFileVariable);

    /// <summary>
    /// The credentials <paramref name="environment"/> gives (variable name → value), including the token file named by
    /// <c>ALPACON_MCP_CONFIG_FILE</c> when <paramref name="readConfigFile"/>. A later variable of the same vault name
    /// wins (<c>WEBOPS_API_KEY</c> over <c>WEBOPS_API_TOKEN</c>).
    /// </summary>
    public static SeedScan FromEnvironment(IDictionary environment, bool readConfigFile = true)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var found = new List<SeedCredential>();
        var skipped = new List<string>();
        foreach (var (variable, name) in Plain)
        {
            if (environment[variable] is string { Length: > 0 } value)
            {
                found.RemoveAll(f => f.Name == name);
                found.Add(new SeedCredential(name, value.Trim(), variable));
            }
        }

        var alpacon = new List<(string Region, string Workspace, string Kind, string Value, string Source)>();
        foreach (DictionaryEntry entry in environment)
        {
            if (entry.Key is string variable && entry.Value is string { Length: > 0 } value && AlpaconVariable().Match(variable) is { Success: true } m)
            {
                alpacon.Add((m.Groups["region"].Value, m.Groups["workspace"].Value, m.Groups["kind"].Value, value.Trim(), variable));
            }
        }

        if (readConfigFile && environment[AlpaconConfigFileVariable] is string { Length: > 0 } file)
        {
            try
            {
                // A variable names a workspace's token more precisely than the file: it wins, as in alpacon-mcp.
                alpacon.InsertRange(0, ReadTokenFile(ExpandHome(file)));
            }
            catch (BastionException e)
            {
                skipped.Add(e.Message);
            }
        }

        AddAlpacon(alpacon, found, skipped);
        return new SeedScan(found, skipped);
    }

    /// <summary>The credentials of alpacon-mcp's token file <c>{"region": {"workspace": "token"}}</c>.</summary>
    /// <exception cref="BastionException">The file cannot be read or is not of that shape.</exception>
    public static SeedScan FromAlpaconTokenFile(string path)
    {
        var found = new List<SeedCredential>();
        var skipped = new List<string>();
        AddAlpacon(ReadTokenFile(path), found, skipped);
        return new SeedScan(found, skipped);
    }

    private static List<(string Region, string Workspace, string Kind, string Value, string Source)> ReadTokenFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BastionException($"Cannot read the Alpacon token file {path}: {e.Message}");
        }

        var shape = $"{path} is not an alpacon-mcp token file: expected {{\"region\": {{\"workspace\": \"token\"}}}}, e.g. {{\"ap1\": {{\"acme\": \"…\"}}}}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new BastionException($"{shape} (not JSON: {e.Message})");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new BastionException(shape + ".");
            }

            var alpacon = new List<(string Region, string Workspace, string Kind, string Value, string Source)>();
            foreach (var region in document.RootElement.EnumerateObject())
            {
                if (region.Value.ValueKind != JsonValueKind.Object)
                {
                    throw new BastionException($"{shape}; region '{region.Name}' holds {region.Value.ValueKind}, not an object.");
                }

                foreach (var workspace in region.Value.EnumerateObject())
                {
                    if (workspace.Value.ValueKind != JsonValueKind.String || workspace.Value.GetString() is not { Length: > 0 } token)
                    {
                        throw new BastionException($"{shape}; '{region.Name}'.'{workspace.Name}' is not a token string.");
                    }

                    alpacon.Add((region.Name, workspace.Name, "TOKEN", token.Trim(), path));
                }
            }

            return alpacon;
        }
    }

    /// <summary>alpacon-mcp's own token file: <c>$ALPACON_MCP_CONFIG_FILE</c>, else <c>~/.alpacon-mcp/token.json</c>, else <c>./config/token.json</c>; null when none exists.</summary>
    public static string? DefaultAlpaconTokenFile(IDictionary environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment[AlpaconConfigFileVariable] is string { Length: > 0 } file)
        {
            return ExpandHome(file);
        }

        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return new[] { Path.Combine(home, ".alpacon-mcp", "token.json"), Path.Combine("config", "token.json") }.FirstOrDefault(File.Exists);
    }

    /// <summary>The run-time layer over the local user's vault that answers these credentials from the environment.</summary>
    public static EnvironmentCredentials Overlay(SeedScan scan)
    {
        ArgumentNullException.ThrowIfNull(scan);
        return scan.Found.Count == 0
            ? EnvironmentCredentials.Empty
            : new EnvironmentCredentials(
                scan.Found.ToDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal),
                scan.Found.ToDictionary(f => f.Name, f => f.Source, StringComparer.Ordinal),
                new HashSet<string>([AlpaconVault.Workspaces], StringComparer.Ordinal));
    }

    private static void AddAlpacon(List<(string Region, string Workspace, string Kind, string Value, string Source)> alpacon, List<SeedCredential> found, List<string> skipped)
    {
        var workspaces = new List<string>();
        foreach (var (region, rawWorkspace, kind, value, source) in alpacon)
        {
            var workspace = Workspace(rawWorkspace);
            if (!WorkspaceName().IsMatch(workspace) || (region.Length > 0 && !WorkspaceName().IsMatch(region.ToLowerInvariant())))
            {
                skipped.Add($"{source}: '{rawWorkspace}' in region '{region}' is not an Alpacon workspace and region name (lowercase letters, digits and '-').");
                continue;
            }

            if (!workspaces.Contains(workspace))
            {
                workspaces.Add(workspace);
            }

            switch (kind)
            {
                case "TOKEN":
                    Put(found, new SeedCredential(AlpaconVault.Token(workspace), value, source));
                    Put(found, new SeedCredential(AlpaconVault.Region(workspace), region.ToLowerInvariant(), source));
                    break;
                default:
                    Put(found, new SeedCredential(AlpaconVault.Url(workspace), value, source));
                    break;
            }
        }

        if (workspaces.Count > 0)
        {
            Put(found, new SeedCredential(AlpaconVault.Workspaces, string.Join(',', workspaces), "Alpacon workspaces found"));
        }
    }

    private static void Put(List<SeedCredential> found, SeedCredential credential)
    {
        found.RemoveAll(f => f.Name == credential.Name);
        found.Add(credential);
    }

    private static string Workspace(string raw) => raw.ToLowerInvariant().Replace('_', '-');

    private static string ExpandHome(string path) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path[2..]) : path;

    [GeneratedRegex("^ALPACON_MCP_(?<region>[A-Za-z0-9]+)_(?<workspace>[A-Za-z0-9_-]+)_(?<kind>TOKEN|URL)$")]
    private static partial Regex AlpaconVariable();

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$")]
    private static partial Regex WorkspaceName();
}
