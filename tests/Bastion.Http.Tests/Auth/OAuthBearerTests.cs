using Bastion.Core;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bastion.Http.Tests.Auth;

/// <summary>
/// The <see cref="OAuthBearer"/> scheme (JwtBearer with Bastion's checks) in a real ASP.NET Core server, against a real
/// authorization server on loopback, with tokens the test signs.
/// </summary>
public sealed class OAuthBearerTests : IAsyncLifetime
{
    private const string Resource = "http://127.0.0.1:7000/mcp";

    private readonly RsaSecurityKey _key = FakeAuthorizationServer.NewRsaKey("key-1");
    private readonly List<OAuthBearerProbe> _probes = [];
    private FakeAuthorizationServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeAuthorizationServer.StartAsync();
        _server.Publish(_key);
    }

    public async Task DisposeAsync()
    {
        foreach (var probe in _probes)
        {
            await probe.DisposeAsync();
        }

        await _server.DisposeAsync();
    }

    private async Task<OAuthBearerProbe> NewAuthenticatorAsync(string? tenantClaim = null, string? issuer = null)
    {
        var probe = await OAuthBearerProbe.StartAsync(
            new OAuthOptions { Issuer = issuer ?? _server.Issuer, Audience = Resource, TenantClaim = tenantClaim ?? OAuthOptions.DefaultTenantClaim });
        _probes.Add(probe);
        return probe;
    }

    private static Dictionary<string, object> Claims(string tenant = "acme") => new()
    {
        ["sub"] = "alice",
        ["tenant"] = tenant,
        ["scope"] = "hosts:read metrics:read",
    };

    /// <summary>A token signed with <paramref name="key"/> (unsigned when null), valid from a minute ago for ten minutes unless told otherwise.</summary>
    private string Mint(
        SecurityKey? key,
        Dictionary<string, object>? claims = null,
        string? issuer = null,
        string audience = Resource,
        DateTime? notBefore = null,
        DateTime? expires = null,
        Dictionary<string, object>? header = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? _server.Issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)) < now ? notBefore ?? now.AddMinutes(-1) : now,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims ?? Claims(),
            AdditionalHeaderClaims = header,
            SigningCredentials = key switch
            {
                null => null,
                ECDsaSecurityKey => new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
                _ => new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Checks that <paramref name="token"/> is recognised and refused with a message holding <paramref name="expected"/> and no part of the token.</summary>
    private static async Task<string> RefusedAsync(OAuthBearerProbe authenticator, string token, string expected)
    {
        var result = await authenticator.AuthenticateAsync(token);
        result.Recognized.ShouldBeTrue();
        result.Principal.ShouldBeNull();
        result.Error.ShouldNotBeNull();
        result.Error.ShouldContain(expected);
        foreach (var part in token.Split('.').Where(p => p.Length > 8))
        {
            result.Error.ShouldNotContain(part, Case.Sensitive);
        }

        return result.Error;
    }

    [Fact]
    public async Task ATokenWithAnUnknownCriticalExtension_IsRefused()
    {
        // The same claims and key are accepted without the header parameter: only 'crit' makes the difference.
        (await (await NewAuthenticatorAsync()).AuthenticateAsync(Mint(_key, header: new() { ["x-ext"] = true }))).Principal.ShouldNotBeNull();

        await RefusedAsync(
            await NewAuthenticatorAsync(),
            Mint(_key, header: new() { ["crit"] = new[] { "x-ext" }, ["x-ext"] = true }),
            "lists extensions this server does not understand as critical (crit: x-ext); RFC 7515 §4.1.11 requires refusing it");
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, header: new() { ["crit"] = Array.Empty<string>() }), "'crit' parameter that is not a non-empty list");
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, header: new() { ["crit"] = "x-ext" }), "'crit' parameter that is not a non-empty list");
    }

    [Fact]
    public async Task AValidToken_StandsForItsSubjectInItsTenant_WithOnlyTheBastionScopes()
    {
        var claims = Claims();
        claims["scope"] = "openid hosts:read profile metrics:read";
        claims["scp"] = new[] { "logs:read", "email", "hosts:read" };

        var result = await (await NewAuthenticatorAsync()).AuthenticateAsync(Mint(_key, claims));

        result.Error.ShouldBeNull();
        result.Principal.ShouldNotBeNull();
        result.Principal.Name.ShouldBe("oauth:alice");
        result.Principal.Tenant.ShouldBe("acme");
        result.Principal.Scopes.ShouldBe([Scopes.HostsRead, Scopes.MetricsRead, Scopes.LogsRead], ignoreOrder: true);
        result.Principal.Mode.ShouldBe(Mode.ReadOnly);
    }

    [Fact]
    public async Task AnEs256Token_IsAccepted_AndScpAsAStringCounts()
    {
        var ec = FakeAuthorizationServer.NewEcKey("ec-1");
        _server.Publish(_key, ec);
        var claims = Claims();
        claims.Remove("scope");
        claims["scp"] = "audit:read";

        var result = await (await NewAuthenticatorAsync()).AuthenticateAsync(Mint(ec, claims));

        result.Error.ShouldBeNull();
        result.Principal!.Scopes.ShouldBe([Scopes.AuditRead]);
    }

    [Fact]
    public async Task ATokenFromAnotherIssuer_IsRefused() =>
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, issuer: "http://127.0.0.1:1"), $"issued by another authorization server; this server accepts tokens from {_server.Issuer}");

    [Fact]
    public async Task ATokenForAnotherResource_IsRefused() =>
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, audience: "http://127.0.0.1:7001/mcp"), $"meant for another resource; this server accepts tokens whose audience is {Resource}");

    [Fact]
    public async Task AnExpiredToken_IsRefused_ButOneWithinTheClockSkewIsNot()
    {
        var now = DateTime.UtcNow;
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, notBefore: now.AddMinutes(-20), expires: now.AddMinutes(-5)), "The access token has expired (at ");

        var result = await (await NewAuthenticatorAsync()).AuthenticateAsync(Mint(_key, notBefore: now.AddMinutes(-20), expires: now.AddSeconds(-30)));
        result.Principal.ShouldNotBeNull("60 seconds of clock skew are allowed");
    }

    [Fact]
    public async Task ATokenNotValidYet_IsRefused()
    {
        var now = DateTime.UtcNow;
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, notBefore: now.AddMinutes(10), expires: now.AddMinutes(20)), "The access token is not valid before ");
    }

    [Fact]
    public async Task ATokenWithoutExpiry_IsRefused()
    {
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _server.Issuer,
            Audience = Resource,
            Claims = Claims(),
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        var token = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);

        await RefusedAsync(await NewAuthenticatorAsync(), token, "has no expiry (exp)");
    }

    [Fact]
    public async Task ATokenSignedByAnotherKey_IsRefused_WhetherItsKidIsUnknownOrBorrowed()
    {
        var authenticator = await NewAuthenticatorAsync();
        await RefusedAsync(authenticator, Mint(FakeAuthorizationServer.NewRsaKey("attacker")), "signed with a key the authorization server does not publish");
        await RefusedAsync(authenticator, Mint(FakeAuthorizationServer.NewRsaKey("key-1")), "signature does not verify");
    }

    [Fact]
    public async Task AnUnsignedToken_IsRefused()
    {
        var token = Mint(key: null);
        token.Split('.')[2].ShouldBeEmpty();

        await RefusedAsync(await NewAuthenticatorAsync(), token, "not signed (alg none)");
    }

    [Fact]
    public async Task ATokenWithoutTheTenantClaim_OrWithAnInvalidTenant_IsRefused()
    {
        var claims = Claims();
        claims.Remove("tenant");
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, claims), "has no 'tenant' claim naming the tenant");
        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key, Claims(tenant: "Acme Corp")), "'tenant' claim is not a valid tenant name");
    }

    [Fact]
    public async Task TheTenantClaim_CanBeAnother()
    {
        var claims = Claims();
        claims["org"] = "beta";

        var result = await (await NewAuthenticatorAsync(tenantClaim: "org")).AuthenticateAsync(Mint(_key, claims));

        result.Principal!.Tenant.ShouldBe("beta");
    }

    [Theory]
    [InlineData("bst_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("opaque")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d.e")]
    public async Task SomethingThatIsNotASignedJwt_IsNotMine(string token) =>
        (await (await NewAuthenticatorAsync()).AuthenticateAsync(token)).ShouldBe(AuthResult.NotMine);

    [Fact]
    public async Task AThreePartTokenThatIsNotJson_IsRefusedAsMalformed() =>
        await RefusedAsync(await NewAuthenticatorAsync(), "not-base64!.still-not.nope", "not a well-formed JWT");

    [Fact]
    public async Task AfterAKeyRotation_ATokenWithTheNewKid_IsAccepted_AndUnknownKidsDoNotFetchAgainAtOnce()
    {
        var authenticator = await NewAuthenticatorAsync();
        (await authenticator.AuthenticateAsync(Mint(_key))).Principal.ShouldNotBeNull();
        _server.JwksRequests.ShouldBe(1);

        var next = FakeAuthorizationServer.NewRsaKey("key-2");
        _server.Publish(_key, next);
        var result = await authenticator.AuthenticateAsync(Mint(next));

        result.Error.ShouldBeNull();
        result.Principal!.Name.ShouldBe("oauth:alice");
        _server.JwksRequests.ShouldBe(2);

        await RefusedAsync(authenticator, Mint(FakeAuthorizationServer.NewRsaKey("key-3")), "does not publish");
        _server.JwksRequests.ShouldBe(2, "a refresh for an unknown kid waits for KeyRefreshInterval");
        (await authenticator.AuthenticateAsync(Mint(_key))).Principal.ShouldNotBeNull();
    }

    [Fact]
    public async Task WithoutRfc8414Metadata_TheOpenIdConfigurationIsUsed()
    {
        await using var server = await FakeAuthorizationServer.StartAsync(openIdOnly: true);
        server.Publish(_key);
        var authenticator = await NewAuthenticatorAsync(issuer: server.Issuer);

        var result = await authenticator.AuthenticateAsync(Mint(_key, issuer: server.Issuer));

        result.Error.ShouldBeNull();
        server.MetadataRequests.ShouldBe(1);
    }

    [Fact]
    public async Task MetadataNamingAnotherIssuer_IsNotTrusted()
    {
        _server.AdvertisedIssuer = "https://evil.example";

        await RefusedAsync(await NewAuthenticatorAsync(), Mint(_key), "cannot be checked right now: the authorization server's metadata and keys could not be fetched");
    }

    [Fact]
    public async Task AnUnreachableAuthorizationServer_RefusesTokens_SayingTheyCannotBeCheckedNow()
    {
        var authenticator = await NewAuthenticatorAsync();
        var token = Mint(_key);
        await _server.DisposeAsync();
        _server = await FakeAuthorizationServer.StartAsync();

        await RefusedAsync(authenticator, token, "cannot be checked right now");
    }

    [Theory]
    [InlineData("http://auth.example.com", "must use https")]
    [InlineData("ftp://127.0.0.1", "is not an absolute http(s) URL")]
    [InlineData("auth.example.com", "is not an absolute http(s) URL")]
    public void Registration_RefusesAnIssuerThatIsNotHttpsOffLoopback(string issuer, string message)
    {
        var e = Should.Throw<BastionException>(() =>
            new ServiceCollection().AddOAuthBearer(new OAuthOptions { Issuer = issuer, Audience = Resource }, Mode.ReadOnly, TimeProvider.System));
        e.Message.ShouldContain(message);
    }
}
