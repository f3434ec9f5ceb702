using System.Globalization;
using System.Text;
using System.Text.Json;
using Bastion.Core.Secrets;
using Bastion.Providers.WebOps.Deployments;
using Bastion.Providers.WebOps.Logs;
using Bastion.Providers.WebOps.Services;
using Bastion.Providers.WebOps.Status;
using Microsoft.Extensions.Logging;

namespace Bastion.Providers.WebOps.Api;

/// <summary>
/// WebOps's JSON routes as typed calls. The routes are the ones its URLconf really mounts (DagiiM/webops at 06ba752):
/// <c>/api/deployments/…</c> (addressed by name), <c>/monitoring/api/…</c> and <c>/compliance/api/…</c>, all with
/// trailing slashes; not the <c>/api/v1/</c> of its documentation, which no code serves. Credentials come from the
/// caller's vault on every call, so a changed value takes effect at once (with a new sign-in). With
/// <paramref name="shared"/> (<c>serve --store</c>), a session login is single-flight across every server of the store.
/// </summary>
internal sealed class WebOpsClient(PlatformCredentials credentials, WebOpsOptions options, Redactor redactor, TimeProvider clock, ILogger<WebOpsClient> logger, Core.Credentials.ISharedTokens? shared = null) : IDisposable
{
    /// <summary>The platform's name in messages.</summary>
    public const string Platform = "WebOps";

    private readonly Lock _gate = new();
    private readonly List<WebOpsConnection> _retired = [];
    private WebOpsConnection? _current;

    /// <summary>One page of <c>GET /api/deployments/?page=&amp;per_page=&amp;status=</c>, newest first.</summary>
    public async Task<(IReadOnlyList<Deployment> Items, int Total, int Pages)> ListPageAsync(int page, int perPage, string? status, CancellationToken cancellationToken)
    {
        var query = string.Create(CultureInfo.InvariantCulture, $"api/deployments/?page={page}&per_page={perPage}");
        if (status is not null)
        {
            query += "&status=" + Uri.EscapeDataString(status);
        }

        var json = await GetJsonAsync(query, cancellationToken);
        var items = json.Items("deployments").Select(Deployment.From).ToList();
        var pagination = json.Field("pagination");
        return (items, pagination?.Int("total") ?? items.Count, pagination?.Int("pages") ?? 1);
    }

    /// <summary><c>GET /api/deployments/{name}/</c>: the deployment and its environment variables.</summary>
    /// <exception cref="PlatformException">404 when the caller has no deployment of that name.</exception>
    public async Task<(Deployment Deployment, IReadOnlyDictionary<string, string> EnvVars)> GetAsync(string name, CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync(DeploymentPath(name), cancellationToken);
        var env = json.Field("env_vars") is { ValueKind: JsonValueKind.Object } vars
            ? vars.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString() ?? string.Empty : p.Value.GetRawText(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        return (Deployment.From(json), env);
    }

    /// <summary><c>POST /api/deployments/create/</c> with WebOps's flat body; the build is queued (201).</summary>
    public async Task<Deployment> CreateAsync(string name, string repository, string branch, string? domain, IReadOnlyDictionary<string, string> envVars, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["name"] = name,
            ["repo_url"] = repository,
            ["branch"] = branch,
            ["env_vars"] = envVars,
        };
        if (domain is not null)
        {
            body["domain"] = domain;
        }

        var text = JsonSerializer.Serialize(body, BodyJson.Default.DictionaryStringObject);
        var json = await SendJsonAsync(HttpMethod.Post, "api/deployments/create/", () => new StringContent(text, Encoding.UTF8, "application/json"), cancellationToken);
        return Deployment.From(json) with { Name = json.Str("name") ?? name };
    }

    /// <summary>
    /// <c>GET /api/deployments/{name}/logs/</c>: the whole log, oldest first. WebOps's <c>tail</c> parameter keeps the
    /// first rows (the oldest), so Bastion reads everything and keeps the newest itself.
    /// </summary>
    public async Task<IReadOnlyList<LogEntry>> LogsAsync(string name, CancellationToken cancellationToken)
    {
        var json = await GetJsonAsync(DeploymentPath(name) + "logs/", cancellationToken);
        return json.Items("logs").Select(LogEntry.From).OrderBy(l => l.Time ?? DateTimeOffset.MinValue).ThenBy(l => l.Id).ToList();
    }

    /// <summary><c>POST /api/deployments/{name}/start|stop|restart/</c>: WebOps's message and the status it reports.</summary>
    public async Task<(string Message, string? Status)> ActAsync(string name, ServiceAction action, CancellationToken cancellationToken)
    {
        var verb = action.ToString().ToLowerInvariant();
        var json = await SendJsonAsync(HttpMethod.Post, DeploymentPath(name) + verb + "/", null, cancellationToken);
        return (json.Str("message") ?? $"{verb} accepted", json.Str("status"));
    }

    /// <summary><c>DELETE /api/deployments/{name}/delete/</c>: the deletion is queued.</summary>
    public async Task<string> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        var json = await SendJsonAsync(HttpMethod.Delete, DeploymentPath(name) + "delete/", null, cancellationToken);
        return json.Str("message") ?? "delete queued";
    }

    /// <summary><c>GET /monitoring/api/service/{id}/status/</c>: the deployment's process.</summary>
    public async Task<ProcessStatus> ProcessAsync(int id, CancellationToken cancellationToken) =>
        ProcessStatus.From(await GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"monitoring/api/service/{id}/status/"), cancellationToken));

    /// <summary><c>GET /monitoring/api/system/health/</c>.</summary>
    public Task<JsonElement> HealthAsync(CancellationToken cancellationToken) => GetJsonAsync("monitoring/api/system/health/", cancellationToken);

    /// <summary><c>GET /monitoring/api/metrics/history/?hours=N</c>: parallel arrays of samples.</summary>
    public Task<JsonElement> HistoryAsync(int hours, CancellationToken cancellationToken) =>
        GetJsonAsync(string.Create(CultureInfo.InvariantCulture, $"monitoring/api/metrics/history/?hours={hours}"), cancellationToken);

    /// <summary><c>GET /compliance/api/dashboard-stats/</c>.</summary>
    public Task<JsonElement> ComplianceStatsAsync(CancellationToken cancellationToken) => GetJsonAsync("compliance/api/dashboard-stats/", cancellationToken);

    /// <summary><c>POST /compliance/api/scan-now/</c>, form-encoded (the view reads <c>request.POST</c>, not JSON).</summary>
    public async Task<(string ScanId, string Message)> ScanAsync(string scanType, string target, CancellationToken cancellationToken)
    {
        var form = new Dictionary<string, string>(StringComparer.Ordinal) { ["scan_type"] = scanType, ["target"] = target };
        var json = await SendJsonAsync(HttpMethod.Post, "compliance/api/scan-now/", () => new FormUrlEncodedContent(form), cancellationToken);
        if (json.Bool("success") == false)
        {
            throw new PlatformException(Platform, $"WebOps did not start the scan: {json.Str("error") ?? json.Str("message") ?? "no reason given"}.");
        }

        return (json.Str("scan_id") ?? "unknown", json.Str("message") ?? "Scan initiated");
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _current?.Dispose();
            foreach (var connection in _retired)
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>The connection for the vault's current settings (a new one, with a new sign-in, when they changed).</summary>
    /// <exception cref="PlatformException">WebOps is not configured, or <c>webops/url</c> is malformed.</exception>
    internal WebOpsConnection Connection()
    {
        var settings = WebOpsSettings.Read(credentials)
            ?? throw new PlatformException(Platform, "not configured. " + WebOpsSettings.SetupHint);
        lock (_gate)
        {
            if (_current is { } current && current.Settings == settings)
            {
                return current;
            }

            if (_current is not null)
            {
                _retired.Add(_current); // calls in flight keep using it; disposed with the client
            }

            _current = new WebOpsConnection(settings, options, redactor, clock, logger,
                credentials.Get(WebOpsVault.Session), credentials.CanStore ? (value, token) => credentials.SetAsync(WebOpsVault.Session, value, token) : null, shared);
            return _current;
        }
    }

    private Task<JsonElement> GetJsonAsync(string path, CancellationToken cancellationToken) => SendJsonAsync(HttpMethod.Get, path, null, cancellationToken);

    private async Task<JsonElement> SendJsonAsync(HttpMethod method, string path, Func<HttpContent>? content, CancellationToken cancellationToken)
    {
        var answer = await Connection().SendAsync(method, path, content, cancellationToken);
        if (answer.Status is not (200 or 201))
        {
            throw WebOpsErrors.Of(answer);
        }

        if (!answer.IsJson)
        {
            throw WebOpsErrors.NotJson(answer);
        }

        try
        {
            using var document = JsonDocument.Parse(answer.Body);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw WebOpsErrors.NotJson(answer);
        }
    }

    private static string DeploymentPath(string name) => "api/deployments/" + Uri.EscapeDataString(name) + "/";
}
