using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Providers.WebOps.Api;
using Bastion.Providers.WebOps.Security;

namespace Bastion.Providers.WebOps.Deployments;

/// <summary>One webops_deployment_control call's arguments (null: not given), and which actions take which.</summary>
internal sealed record DeploymentControlRequest(
    DeploymentAction Action,
    string Name,
    string? Repository = null,
    string? Branch = null,
    DeployEnvironment? Environment = null,
    string? Domain = null,
    IReadOnlyDictionary<string, string>? EnvVars = null,
    bool? Wait = null,
    int? TimeoutSeconds = null,
    ScanType? ScanType = null)
{
    /// <summary>The action as the call names it.</summary>
    public string ActionName => Action.ToString().ToLowerInvariant();

    /// <summary>The longest wait: given, else 600 s for deploy and 120 s for the others.</summary>
    public int Timeout => TimeoutSeconds ?? (Action == DeploymentAction.Deploy ? 600 : 120);

    /// <summary>The request as a call's arguments give it (the schema checked their types); null when the action or name is missing.</summary>
    public static DeploymentControlRequest? From(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        string? Str(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        if (!Enum.TryParse<DeploymentAction>(Str("action"), ignoreCase: true, out var action) || Str("name") is not { } name)
        {
            return null;
        }

        var env = arguments.TryGetValue("env_vars", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? string.Empty : p.Value.GetRawText(), StringComparer.Ordinal)
            : null;
        DeployEnvironment? environment = Enum.TryParse<DeployEnvironment>(Str("environment"), ignoreCase: true, out var parsed) ? parsed : null;
        int? timeout = arguments.TryGetValue("timeout_seconds", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var seconds) ? seconds : null;
        bool? wait = arguments.TryGetValue("wait", out var w) && w.ValueKind is JsonValueKind.True or JsonValueKind.False ? w.GetBoolean() : null;
        ScanType? scan = Enum.TryParse<ScanType>(Str("scan_type")?.Replace("_", string.Empty, StringComparison.Ordinal), ignoreCase: true, out var type) ? type : null;
        return new DeploymentControlRequest(action, name, Str("repository"), Str("branch"), environment, Str("domain"), env, wait, timeout, scan);
    }

    private static readonly DeploymentAction[] Waiting = [.. Enum.GetValues<DeploymentAction>().Where(a => a != DeploymentAction.Scan)];

    /// <summary>Which actions take and need each optional argument (a scan is only recorded, so it takes no wait).</summary>
    private static readonly ParameterUse<DeploymentAction> Use = new ParameterUse<DeploymentAction>(
        "action",
        ("repository", [DeploymentAction.Deploy]),
        ("branch", [DeploymentAction.Deploy]),
        ("environment", [DeploymentAction.Deploy]),
        ("domain", [DeploymentAction.Deploy]),
        ("env_vars", [DeploymentAction.Deploy]),
        ("scan_type", [DeploymentAction.Scan]),
        ("wait", Waiting),
        ("timeout_seconds", Waiting))
        .Needs("repository", [DeploymentAction.Deploy], "a git URL, http or https");

    /// <exception cref="Bastion.Core.BastionException">An argument the action does not take, or a missing one it needs; the message names it. Nothing is sent.</exception>
    /// <exception cref="PlatformException">A malformed argument; the message names them. Nothing is sent.</exception>
    public void Check()
    {
        Use.Check(
            Action, ("repository", Repository), ("branch", Branch), ("environment", Environment), ("domain", Domain), ("env_vars", EnvVars), ("scan_type", ScanType),
            ("wait", Wait), ("timeout_seconds", TimeoutSeconds));
        var problems = new List<string>();
        var deploy = Action == DeploymentAction.Deploy;
        var scan = Action == DeploymentAction.Scan;
        if (deploy)
        {
            if (!Matches(Name, "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"))
            {
                problems.Add($"name of a new deployment must start with a letter or digit and hold only letters, digits, '.', '_' and '-' (at most 100), not '{Name}'");
            }

            if (Repository!.Length > 500 || !Matches(Repository, "^https?://[^\\s]+$"))
            {
                problems.Add("repository must be an http or https git URL without spaces, at most 500 characters");
            }

            if (Branch is not null && !Matches(Branch, "^[^\\s]{1,100}$"))
            {
                problems.Add($"branch must be 1-100 characters without spaces, not '{Branch}'");
            }

            if (Domain is not null && !Matches(Domain, "^[A-Za-z0-9.-]{1,255}$"))
            {
                problems.Add($"domain must be a host name such as shop.example.org, not '{Domain}'");
            }
        }
        else if (scan && !Matches(Name, "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$"))
        {
            problems.Add($"name of what to scan must be system or a deployment's name (letters, digits, '.', '_', '-'), not '{Name}'");
        }
        else if (Name.Length is 0 or > 100)
        {
            problems.Add("name must be 1-100 characters");
        }

        var (least, most) = deploy ? (10, 3600) : (5, 600);
        if (TimeoutSeconds is { } timeout && (timeout < least || timeout > most))
        {
            problems.Add($"timeout_seconds for {ActionName} must be {least}-{most}, not {timeout}");
        }

        if (problems.Count > 0)
        {
            throw new PlatformException(WebOpsClient.Platform, string.Join("; ", problems) + ". Nothing was sent.");
        }
    }

    private static bool Matches(string value, string pattern) => Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
}
