using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Bastion.Http.Observability;
using Bastion.Http.RateLimiting;
using Bastion.Http.Tenancy;
using Bastion.Http.Transport;
using Bastion.Mcp;
using Bastion.Ssh;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Tests;

/// <summary>A real Bastion HTTP server on Kestrel (127.0.0.1, a free port) over its own data directory, and raw HTTP helpers.</summary>
public sealed class HttpTestServer : IAsyncDisposable
{
    private const string Json = "application/json";
    private readonly WebApplication _app;

    private HttpTestServer(WebApplication app, string data, Uri endpoint)
    {
        _app = app;
        DataDirectory = data;
        Endpoint = endpoint;
        Http = new HttpClient { BaseAddress = new Uri(endpoint.GetLeftPart(UriPartial.Authority)) };
    }

    public string DataDirectory { get; }

    public Uri Endpoint { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<HttpTestServer> StartAsync(
        Func<HttpServerOptions, HttpServerOptions>? configure = null,
        IReadOnlyList<IAuthenticator>? authenticators = null,
        Action<BastionPaths>? prepare = null,
        Mode mode = Mode.ReadOnly,
        Func<bool>? required = null,
        Action<IServiceCollection>? backends = null,
        Core.History.HistoryOptions? history = null,
        Func<IReadOnlyList<IAuthenticator>>? authenticatorsFrom = null,
        IReadOnlyList<Core.Secrets.Vault.CredentialHeaderSet>? credentialHeaders = null)
    {
        var data = Directory.CreateTempSubdirectory("bastion-http-").FullName;
        var paths = new BastionPaths(data);
        prepare?.Invoke(paths);
        authenticators ??= authenticatorsFrom?.Invoke();
        var options = new HttpServerOptions { Listen = new Uri("http://127.0.0.1:0") };
        options = configure?.Invoke(options) ?? options;
        var bastion = new BastionOptions { Paths = paths, Mode = mode, History = history ?? new() };
        var redactor = BastionServer.CreateRedactor(paths);
        var app = McpHttpServer.Build(
            options,
            services => services
                .AddAuthenticators(authenticators ?? [])
                .AddSingleton(sp => new TenantServers(bastion, tenant => { tenant.AddSsh(); backends?.Invoke(tenant); }, options, sp.GetRequiredService<RequestRateLimiter>(), redactor, sp.GetRequiredService<ILoggerFactory>(), credentialHeaders))
                .AddSingleton<IMcpServerFactory>(sp => sp.GetRequiredService<TenantServers>())
                .AddSingleton(new ReadinessProbe(new Dictionary<string, string> { ["data_directory"] = data, ["audit"] = paths.AuditDirectory })),
            logging => logging.SetMinimumLevel(LogLevel.Warning),
            required: required);
        await app.StartAsync();
        var address = new Uri(app.Urls.First());
        return new HttpTestServer(app, data, new Uri(address, "/mcp"));
    }

    public static string Initialize(int id = 1, string version = "2025-11-25") =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"raw-http-test\",\"version\":\"1.0\"}}}";

    public static string Call(string tool, string arguments = "{}", int id = 2) =>
        "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool + "\",\"arguments\":" + arguments + "}}";

    public const string Initialized = """{"jsonrpc":"2.0","method":"notifications/initialized"}""";

    /// <summary>POSTs <paramref name="body"/> to /mcp with the headers a conforming client sends, unless <paramref name="tweak"/> changes them.</summary>
    public Task<HttpResponseMessage> PostAsync(string body, string? session = null, string? token = null, Action<HttpRequestMessage>? tweak = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint) { Content = new StringContent(body, Encoding.UTF8, Json) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(Json));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return SendAsync(request, session, token, tweak);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, string? session = null, string? token = null, Action<HttpRequestMessage>? tweak = null)
    {
        if (session is not null)
        {
            request.Headers.Add("Mcp-Session-Id", session);
            request.Headers.Add("MCP-Protocol-Version", "2025-11-25");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        tweak?.Invoke(request);
        return Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Initializes a session (and sends notifications/initialized); returns its id.</summary>
    public async Task<string> OpenSessionAsync(string? token = null, Action<HttpRequestMessage>? tweak = null)
    {
        using var response = await PostAsync(Initialize(), token: token, tweak: tweak);
        response.EnsureSuccessStatusCode();
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        using var initialized = await PostAsync(Initialized, session, token, tweak);
        initialized.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted);
        return session;
    }

    /// <summary>Calls <paramref name="tool"/> in <paramref name="session"/> and returns the JSON-RPC result's structured content.</summary>
    public async Task<JsonElement> CallAsync(string session, string tool, string arguments = "{}", string? token = null)
    {
        using var response = await PostAsync(Call(tool, arguments), session, token);
        response.EnsureSuccessStatusCode();
        var message = await ReadMessageAsync(response);
        return message.TryGetProperty("result", out var result) && result.TryGetProperty("structuredContent", out var content)
            ? content
            : throw new InvalidOperationException($"{tool} gave no structured result: {message}");
    }

    /// <summary>The last JSON-RPC message of an SSE answer (or the JSON body of a plain one).</summary>
    public static async Task<JsonElement> ReadMessageAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            text = text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).Last();
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
