using Bastion.Testing;
using System.Buffers.Text;
using System.Security.Cryptography;
using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Policy;
using Bastion.Http.Auth;

namespace Bastion.Http.Tests.Auth;

/// <summary>keys.json through <see cref="ApiKeyStore"/>, each test in a data directory of its own.</summary>
public sealed class ApiKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset _start = new(2026, 11, 21, 9, 0, 0, TimeSpan.Zero);

    private readonly string _data = Directory.CreateTempSubdirectory("bastion-keys-").FullName;
    private readonly ManualClock _clock = new(_start);

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private ApiKeyStore NewStore() => new(new BastionPaths(_data), _clock);

    private string KeysFile => Path.Combine(_data, ApiKeyStore.FileName);

    [Fact]
    public async Task CreateAsync_ReturnsTheKeyOnce_AndANewStoreListsAndFindsIt()
    {
        using var store = NewStore();
        var (key, token) = await store.CreateAsync("acme", [Scopes.MetricsRead, Scopes.HostsRead, Scopes.HostsRead], "ci bot", _start.AddDays(30), CancellationToken.None);

        token.ShouldStartWith("bst_" + key.Id + "_");
        token.Length.ShouldBe(56);
        key.Id.ShouldMatch("^[a-z2-7]{8}$");
        key.Tenant.ShouldBe("acme");
        key.Name.ShouldBe("ci bot");
        key.Scopes.ShouldBe([Scopes.HostsRead, Scopes.MetricsRead], "in documentation order, without duplicates");
        key.Created.ShouldBe(_start);
        key.Expires.ShouldBe(_start.AddDays(30));
        key.Revoked.ShouldBeNull();
        key.StateAt(_start).ShouldBe(ApiKeyState.Active);

        using var other = NewStore();
        other.List().ShouldHaveSingleItem().ShouldBeEquivalentTo(key);
        ApiKeyToken.TryParse(token, out var id, out var secret).ShouldBeTrue();
        other.Find(id, secret).ShouldBeEquivalentTo(key);
    }

    [Fact]
    public async Task Find_RefusesAWrongSecretOrAnUnknownId()
    {
        using var store = NewStore();
        var (key, _) = await store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);

        store.Find(key.Id, RandomNumberGenerator.GetBytes(32)).ShouldBeNull();
        store.Find("aaaaaaaa", RandomNumberGenerator.GetBytes(32)).ShouldBeNull();
    }

    [Fact]
    public async Task KeysFile_HoldsTheSecretsHash_NeverTheKey()
    {
        using var store = NewStore();
        var (key, token) = await store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);

        var text = await File.ReadAllTextAsync(KeysFile);
        var secretText = token[13..];
        text.ShouldNotContain(token);
        text.ShouldNotContain(secretText);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Base64Url.DecodeFromChars(secretText)));
        text.ShouldContain($"\"sha256\": \"{hash}\"");
        text.ShouldContain($"\"id\": \"{key.Id}\"");
    }

    [Fact]
    public async Task KeysFile_IsReadableByItsOwnerOnly_EvenAfterSomeoneWidenedIt()
    {
        using var store = NewStore();
        await store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        File.GetUnixFileMode(KeysFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);

        File.SetUnixFileMode(KeysFile, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        File.GetUnixFileMode(KeysFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
    }

    [Fact]
    public async Task RevokeAsync_InAnotherStore_IsSeenByAStoreThatHadReadTheFileBefore()
    {
        using var server = NewStore();
        using var cli = NewStore();
        var (key, token) = await cli.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        ApiKeyToken.TryParse(token, out var id, out var secret).ShouldBeTrue();
        server.Find(id, secret)!.Revoked.ShouldBeNull();

        _clock.Advance(TimeSpan.FromMinutes(5));
        var (revoked, changed) = await cli.RevokeAsync(key.Id, CancellationToken.None);

        changed.ShouldBeTrue();
        revoked.Revoked.ShouldBe(_start.AddMinutes(5));
        server.Find(id, secret)!.StateAt(_clock.GetUtcNow()).ShouldBe(ApiKeyState.Revoked);
        server.List().Single().Revoked.ShouldBe(_start.AddMinutes(5));

        _clock.Advance(TimeSpan.FromMinutes(5));
        (revoked, changed) = await server.RevokeAsync(key.Id, CancellationToken.None);
        changed.ShouldBeFalse();
        revoked.Revoked.ShouldBe(_start.AddMinutes(5), "a second revocation keeps the first time");
    }

    [Fact]
    public async Task RevokeAsync_OfAnUnknownId_SaysSo_AndNeverEchoesAKeyGivenByMistake()
    {
        using var store = NewStore();
        var (_, token) = await store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);

        var unknown = await Should.ThrowAsync<BastionException>(() => store.RevokeAsync("zzzzzzzz", CancellationToken.None));
        unknown.Message.ShouldBe("No API key has the id zzzzzzzz. See `bastion keys list`.");

        var whole = await Should.ThrowAsync<BastionException>(() => store.RevokeAsync(token, CancellationToken.None));
        whole.Message.ShouldContain("not the key itself");
        whole.Message.ShouldNotContain(token[13..]);

        var garbage = await Should.ThrowAsync<BastionException>(() => store.RevokeAsync("s3cr3t-Value!", CancellationToken.None));
        garbage.Message.ShouldNotContain("s3cr3t");
    }

    [Fact]
    public async Task List_FiltersByTenant_AndShowsRevokedAndExpiredKeys()
    {
        using var store = NewStore();
        var (a, _) = await store.CreateAsync("acme", [Scopes.HostsRead], null, _start.AddHours(1), CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (b, _) = await store.CreateAsync("beta", [Scopes.Admin], "ops", null, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (c, _) = await store.CreateAsync("acme", [Scopes.AuditRead], null, null, CancellationToken.None);
        await store.RevokeAsync(c.Id, CancellationToken.None);

        store.List().Select(k => k.Id).ShouldBe([a.Id, c.Id, b.Id]);
        store.List("beta").Select(k => k.Id).ShouldBe([b.Id]);
        store.List("gamma").ShouldBeEmpty();
        var later = _clock.GetUtcNow().AddHours(2);
        store.List("acme").Select(k => k.StateAt(later)).ShouldBe([ApiKeyState.Expired, ApiKeyState.Revoked]);
    }

    [Theory]
    [InlineData("Acme", "hosts:read", null, "Invalid tenant name 'Acme'")]
    [InlineData("", "hosts:read", null, "Invalid tenant name")]
    [InlineData("acme", "hosts:write", null, "Unknown scope 'hosts:write'. Known scopes: hosts:read")]
    [InlineData("acme", "", null, "A key needs at least one scope")]
    [InlineData("acme", "hosts:read", "-dash", "Invalid key name")]
    [InlineData("acme", "hosts:read", "new\nline", "Invalid key name")]
    public async Task CreateAsync_RefusesInvalidInput_AndWritesNothing(string tenant, string scopes, string? name, string message)
    {
        using var store = NewStore();
        var e = await Should.ThrowAsync<BastionException>(() =>
            store.CreateAsync(tenant, scopes.Split(',', StringSplitOptions.RemoveEmptyEntries), name, null, CancellationToken.None));
        e.Message.ShouldContain(message);
        File.Exists(KeysFile).ShouldBeFalse();
    }

    [Fact]
    public async Task CreateAsync_RefusesAnExpiryThatIsNotInTheFuture()
    {
        using var store = NewStore();
        var e = await Should.ThrowAsync<BastionException>(() => store.CreateAsync("acme", [Scopes.HostsRead], null, _start, CancellationToken.None));
        e.Message.ShouldContain("is not in the future");
    }

    [Fact]
    public async Task CreateAsync_FromTwoStoresAtOnce_KeepsEveryKey()
    {
        using var first = NewStore();
        using var second = NewStore();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? first : second).CreateAsync("acme", [Scopes.HostsRead], $"key {i}", null, CancellationToken.None)));

        using var reader = NewStore();
        reader.List().Count.ShouldBe(20);
    }

    [Fact]
    public async Task ADamagedFile_IsReported_AndNeverOverwritten()
    {
        using var store = NewStore();
        await store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None);
        await File.WriteAllTextAsync(KeysFile, "{\"version\": 1, \"keys\": [{\"id\": \"nope\"}]}");

        var e = Should.Throw<BastionException>(() => store.List());
        e.Message.ShouldContain($"The API key file {KeysFile} cannot be used");
        await Should.ThrowAsync<BastionException>(() => store.CreateAsync("acme", [Scopes.HostsRead], null, null, CancellationToken.None));
        (await File.ReadAllTextAsync(KeysFile)).ShouldBe("{\"version\": 1, \"keys\": [{\"id\": \"nope\"}]}");
    }
}
