using System.Net;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Http.Tests.Auth;

/// <summary>
/// A server whose keys.json disappears (or is damaged) while it runs refuses every request, with and without a key:
/// it never falls back to serving without authentication.
/// </summary>
public sealed class KeyFileVanishedTests : IDisposable
{
    private readonly string _keys = Directory.CreateTempSubdirectory("bastion-keys-").FullName;
    private readonly ApiKeyStore _store;

    public KeyFileVanishedTests() => _store = new ApiKeyStore(new BastionPaths(_keys));

    public void Dispose()
    {
        _store.Dispose();
        Directory.Delete(_keys, recursive: true);
    }

    private Task<HttpTestServer> StartAsync() => HttpTestServer.StartAsync(
        authenticators: [new ApiKeyAuthenticator(_store, Mode.ReadOnly, TimeProvider.System, NullLogger<ApiKeyAuthenticator>.Instance)],
        required: _store.RequiresAuthentication);

    [Fact]
    public async Task Requests_AreRefused_WhenKeysJsonVanishes_WhileTheServerRuns()
    {
        var (_, token) = await _store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        await using var server = await StartAsync();
        (await server.OpenSessionAsync(token)).ShouldNotBeNullOrEmpty();

        File.Delete(_store.Path);

        using (var withKey = await server.PostAsync(HttpTestServer.Initialize(), token: token))
        {
            withKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await withKey.Content.ReadAsStringAsync()).ShouldContain("API keys cannot be checked right now");
        }

        using (var withoutKey = await server.PostAsync(HttpTestServer.Initialize()))
        {
            withoutKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "no fallback to 'no authentication'");
        }

        _store.RequiresAuthentication().ShouldBeTrue();
        Should.Throw<BastionException>(() => _store.List()).Message.ShouldContain("is gone although it held keys");
    }

    [Fact]
    public async Task Requests_AreRefused_WhenKeysJsonIsDamaged_WhileTheServerRuns()
    {
        var (_, token) = await _store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        await using var server = await StartAsync();
        File.WriteAllText(_store.Path, "{ not json");

        using var withoutKey = await server.PostAsync(HttpTestServer.Initialize());
        withoutKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var withKey = await server.PostAsync(HttpTestServer.Initialize(), token: token);
        withKey.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AServerThatNeverHadKeys_ServesLoopbackWithoutAuthentication_UntilAKeyIsCreated()
    {
        await using var server = await StartAsync();
        (await server.OpenSessionAsync()).ShouldNotBeNullOrEmpty();

        await _store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);

        using var response = await server.PostAsync(HttpTestServer.Initialize());
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        File.Delete(_store.Path);
        using var after = await server.PostAsync(HttpTestServer.Initialize());
        after.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "once keys existed, their file going away does not turn authentication off");
    }
}
