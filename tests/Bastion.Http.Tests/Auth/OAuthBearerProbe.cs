using System.Net.Http.Headers;
using System.Text.Json;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bastion.Http.Tests.Auth;

/// <summary>
/// A real ASP.NET Core server on 127.0.0.1 (a random port) with only the <see cref="OAuthBearer"/> scheme, and one
/// endpoint that authenticates the request with it and answers what became of the token: the tests' view of the
/// scheme as <see cref="AuthResult"/>s (success, refusal with its message, or not a JWT at all).
/// </summary>
internal sealed class OAuthBearerProbe : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client = new();

    private OAuthBearerProbe(WebApplication app) => _app = app;

    public static async Task<OAuthBearerProbe> StartAsync(OAuthOptions options, Mode mode = Mode.ReadOnly)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddOAuthBearer(options, mode, TimeProvider.System);
        var app = builder.Build();
        app.MapGet("/", async (HttpContext context) =>
        {
            var result = await context.AuthenticateAsync(OAuthBearer.SchemeName);
            var principal = (result.Principal?.Identity as PrincipalIdentity)?.Principal;
            return Results.Json(new Dictionary<string, object?>
            {
                ["name"] = principal?.Name,
                ["tenant"] = principal?.Tenant,
                ["scopes"] = principal?.Scopes.Order(StringComparer.Ordinal).ToArray(),
                ["mode"] = principal?.Mode.ToString(),
                ["error"] = result.Failure?.Message,
                ["none"] = result.None,
            });
        });
        await app.StartAsync();
        var probe = new OAuthBearerProbe(app);
        probe._client.BaseAddress = new Uri(app.Urls.Single());
        return probe;
    }

    /// <summary>What the scheme made of <paramref name="token"/>, sent as <c>Authorization: Bearer</c>.</summary>
    public async Task<AuthResult> AuthenticateAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = answer.RootElement;
        if (root.GetProperty("none").GetBoolean())
        {
            return AuthResult.NotMine;
        }

        if (root.GetProperty("error").GetString() is { } error)
        {
            return AuthResult.Failure(error);
        }

        return AuthResult.Success(new Principal(
            root.GetProperty("name").GetString()!,
            root.GetProperty("tenant").GetString(),
            root.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!).ToHashSet(StringComparer.Ordinal),
            Enum.Parse<Mode>(root.GetProperty("mode").GetString()!)));
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
