using Bastion.Testing;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Http.Tests.Auth;

public sealed class ApiKeyAuthenticatorTests : IDisposable
{
    private static readonly DateTimeOffset _start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly string _data = Directory.CreateTempSubdirectory("bastion-keyauth-").FullName;
    private readonly ManualClock _clock = new(_start);
    private readonly ApiKeyStore _store;
    private readonly ApiKeyAuthenticator _authenticator;

    public ApiKeyAuthenticatorTests()
    {
        _store = new ApiKeyStore(new BastionPaths(_data), _clock);
        _authenticator = new ApiKeyAuthenticator(_store, Mode.Operator, _clock, NullLogger<ApiKeyAuthenticator>.Instance);
    }

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_data, recursive: true);
    }

    private ValueTask<AuthResult> Authenticate(string token) => _authenticator.AuthenticateAsync(token, CancellationToken.None);

    [Fact]
    public async Task AValidKey_StandsForItsTenantWithItsScopesAndTheServersMode()
    {
        var (key, token) = await _store.CreateAsync("acme", [Scopes.HostsRead, Scopes.LogsRead], "ci", null, CancellationToken.None);

        var result = await Authenticate(token);

        result.Recognized.ShouldBeTrue();
        result.Error.ShouldBeNull();
        result.Principal.ShouldNotBeNull();
        result.Principal.Name.ShouldBe("key:" + key.Id);
        result.Principal.Tenant.ShouldBe("acme");
        result.Principal.Scopes.ShouldBe([Scopes.HostsRead, Scopes.LogsRead], ignoreOrder: true);
        result.Principal.Mode.ShouldBe(Mode.Operator);
    }

    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln")]
    [InlineData("opaque-token")]
    [InlineData("BST_abcdefgh_x")]
    public async Task ATokenWithoutTheBstPrefix_IsNotMine(string token) =>
        (await Authenticate(token)).ShouldBe(AuthResult.NotMine);

    [Theory]
    [InlineData("bst_")]
    [InlineData("bst_abcdefgh_tooshort")]
    [InlineData("bst_ABCDEFGH_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("bst_abcdefgh_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!")]
    public async Task AMalformedKey_IsRefused_WithoutRepeatingIt(string token)
    {
        var result = await Authenticate(token);
        result.Recognized.ShouldBeTrue();
        result.Principal.ShouldBeNull();
        result.Error.ShouldStartWith("The API key is malformed");
        if (token.Length > 13)
        {
            result.Error.ShouldNotContain(token[13..]);
        }
    }

    [Fact]
    public async Task AWrongSecret_IsRefused_LikeAnUnknownKey()
    {
        var (key, token) = await _store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        var forged = token[..13] + new string('A', 43);

        var result = await Authenticate(forged);

        result.Error.ShouldBe($"API key {key.Id} is not valid: there is no such key, or its secret does not match.");
        (await Authenticate("bst_aaaaaaaa_" + new string('A', 43))).Error.ShouldBe("API key aaaaaaaa is not valid: there is no such key, or its secret does not match.");
    }

    [Fact]
    public async Task AnExpiredKey_IsRefused_OnceTheClockPassesItsExpiry()
    {
        var (key, token) = await _store.CreateAsync("acme", [Scopes.HostsRead], null, _start.AddHours(12), CancellationToken.None);

        _clock.Advance(TimeSpan.FromHours(12) - TimeSpan.FromSeconds(1));
        (await Authenticate(token)).Principal.ShouldNotBeNull();

        _clock.Advance(TimeSpan.FromSeconds(1));
        var result = await Authenticate(token);
        result.Principal.ShouldBeNull();
        result.Error.ShouldBe($"API key {key.Id} has expired (at 2026-11-21T21:00:00Z).");
        result.Error!.ShouldNotContain(token[13..]);
    }

    [Fact]
    public async Task ARevokedKey_IsRefused_FromTheNextRequest_WhenAnotherProcessRevokedIt()
    {
        var (key, token) = await _store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        (await Authenticate(token)).Principal.ShouldNotBeNull();

        using (var cli = new ApiKeyStore(new BastionPaths(_data), _clock))
        {
            _clock.Advance(TimeSpan.FromMinutes(1));
            await cli.RevokeAsync(key.Id, CancellationToken.None);
        }

        var result = await Authenticate(token);
        result.Principal.ShouldBeNull();
        result.Error.ShouldBe($"API key {key.Id} was revoked at 2026-11-21T09:01:00Z.");
    }

    [Fact]
    public async Task AnUnreadableKeyFile_RefusesEveryKey_WithoutSayingWhereItIs()
    {
        var (_, token) = await _store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(_data, ApiKeyStore.FileName), "not json");

        var result = await Authenticate(token);

        result.Principal.ShouldBeNull();
        result.Error.ShouldStartWith("API keys cannot be checked right now");
        result.Error.ShouldNotContain(_data);
    }
}
