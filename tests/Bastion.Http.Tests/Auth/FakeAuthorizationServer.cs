using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Http.Tests.Auth;

/// <summary>
/// An OAuth authorization server on 127.0.0.1 (a random port) that publishes metadata and a JSON Web Key Set, and whose
/// keys the test holds to mint tokens with. It issues nothing itself: tests sign tokens directly.
/// </summary>
internal sealed class FakeAuthorizationServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile string _jwks = "{\"keys\":[]}";
    private int _metadataRequests;
    private int _jwksRequests;

    private FakeAuthorizationServer(WebApplication app) => _app = app;

    /// <summary>The issuer identifier, <c>http://127.0.0.1:PORT</c>.</summary>
    public string Issuer { get; private set; } = string.Empty;

    /// <summary>The issuer the metadata names; by default <see cref="Issuer"/>.</summary>
    public string? AdvertisedIssuer { get; set; }

    public int MetadataRequests => Volatile.Read(ref _metadataRequests);

    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>Starts a server answering at the RFC 8414 address, or, when <paramref name="openIdOnly"/>, only at the OpenID Connect one.</summary>
    public static async Task<FakeAuthorizationServer> StartAsync(bool openIdOnly = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new FakeAuthorizationServer(app);
        app.MapGet(openIdOnly ? "/.well-known/openid-configuration" : "/.well-known/oauth-authorization-server", () =>
        {
            Interlocked.Increment(ref server._metadataRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = server.AdvertisedIssuer ?? server.Issuer,
                ["jwks_uri"] = server.Issuer + "/jwks",
                ["token_endpoint"] = server.Issuer + "/token",
                ["response_types_supported"] = new[] { "code" },
            });
        });
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref server._jwksRequests);
            return Results.Text(server._jwks, "application/json");
        });
        await app.StartAsync();
        server.Issuer = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>Replaces the published key set with the public halves of <paramref name="keys"/>.</summary>
    public void Publish(params SecurityKey[] keys) =>
        _jwks = JsonSerializer.Serialize(new { keys = keys.Select(Jwk).ToArray() });

    public static RsaSecurityKey NewRsaKey(string kid) => new(RSA.Create(2048)) { KeyId = kid };

    public static ECDsaSecurityKey NewEcKey(string kid) => new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = kid };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Dictionary<string, string> Jwk(SecurityKey key)
    {
        switch (key)
        {
            case RsaSecurityKey rsa:
                var p = rsa.Rsa.ExportParameters(includePrivateParameters: false);
                return new() { ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = rsa.KeyId, ["n"] = Base64Url.EncodeToString(p.Modulus), ["e"] = Base64Url.EncodeToString(p.Exponent) };
            case ECDsaSecurityKey ec:
                var q = ec.ECDsa.ExportParameters(includePrivateParameters: false).Q;
                return new() { ["kty"] = "EC", ["use"] = "sig", ["alg"] = "ES256", ["crv"] = "P-256", ["kid"] = ec.KeyId, ["x"] = Base64Url.EncodeToString(q.X), ["y"] = Base64Url.EncodeToString(q.Y) };
            default:
                throw new ArgumentException("Only RSA and EC keys.", nameof(key));
        }
    }
}
