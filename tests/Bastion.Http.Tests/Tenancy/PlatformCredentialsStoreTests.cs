using Bastion.Core;
using Bastion.Core.Configuration;
using Bastion.Core.Secrets;
using Bastion.Providers;
using Bastion.Tools;
using Microsoft.Extensions.Time.Testing;

namespace Bastion.Http.Tests.Tenancy;

/// <summary>
/// A tenant's platform credentials in a shared store (<c>serve --store</c>): the copy the synchronous readers use is
/// renewed before each request, and a reader never waits for the database while it has a copy.
/// </summary>
public sealed class PlatformCredentialsStoreTests : IDisposable
{
    private const string Key = "cloudways/api-key";
    private readonly string _dir = Directory.CreateTempSubdirectory("bastion-creds-").FullName;
    private readonly GatedCredentialStore _store = new();
    private readonly FakeTimeProvider _clock = new();
    private readonly Redactor _redactor = new();
    private readonly PlatformCredentials _credentials;

    public PlatformCredentialsStoreTests()
    {
        _credentials = new PlatformCredentials(new ToolCaller("acme", new BastionPaths(_dir)), _redactor, null, _store, _clock);
        _store.Put("acme", Key, "first-api-key-0123456789");
        _store.Put("globex", Key, "globex-api-key-0123456789");
    }

    [Fact]
    public async Task Get_AfterRefresh_AnswersFromTheCopy_AndTeachesTheRedactor()
    {
        await _credentials.RefreshAsync(CancellationToken.None);

        _credentials.Get(Key).ShouldBe("first-api-key-0123456789");
        _credentials.Has(Key).ShouldBeTrue();
        _credentials.Get("cloudways/email").ShouldBeNull("another tenant's names are not read");
        _store.Listings.ShouldBe(1);
        _redactor.Redact("key first-api-key-0123456789 used").ShouldNotContain("first-api-key-0123456789");
    }

    [Fact]
    public async Task Get_WhenTheCopyIsOld_AnswersAtOnce_WhileOneReadRenewsIt()
    {
        await _credentials.RefreshAsync(CancellationToken.None);
        _store.Put("acme", Key, "second-api-key-0123456789");
        _clock.Advance(PlatformCredentials.StoreFreshness + TimeSpan.FromSeconds(1));
        _store.Hold();

        // The database is held: a reader that waited for it would never return.
        (await Task.Run(() => _credentials.Get(Key)).WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe("first-api-key-0123456789");
        (await Task.Run(() => _credentials.Get(Key)).WaitAsync(TimeSpan.FromSeconds(30))).ShouldBe("first-api-key-0123456789");

        var renewing = _credentials.RefreshAsync(CancellationToken.None);
        renewing.IsCompleted.ShouldBeFalse("a request waits for the read under way");
        _store.Release();
        await renewing.WaitAsync(TimeSpan.FromSeconds(30));

        _credentials.Get(Key).ShouldBe("second-api-key-0123456789");
        _store.Listings.ShouldBe(2, "one read renewed the copy for both readers that found it old and the request");
    }

    [Fact]
    public async Task RefreshAsync_FromManyRequestsAtOnce_ReadsTheStoreOnce()
    {
        _store.Hold();
        var requests = Enumerable.Range(0, 32).Select(_ => Task.Run(() => _credentials.RefreshAsync(CancellationToken.None))).ToArray();
        await Task.Delay(50);
        requests.ShouldAllBe(r => !r.IsCompleted);
        _store.Release();
        await Task.WhenAll(requests).WaitAsync(TimeSpan.FromSeconds(30));

        _store.Listings.ShouldBe(1);
        _credentials.Get(Key).ShouldBe("first-api-key-0123456789");
        await _credentials.RefreshAsync(CancellationToken.None);
        _store.Listings.ShouldBe(1, "a fresh copy is not read again");
    }

    [Fact]
    public async Task SetAsync_IsSeenAtOnce_AndARead_BegunBeforeIt_DoesNotUndoIt()
    {
        await _credentials.RefreshAsync(CancellationToken.None);
        _clock.Advance(PlatformCredentials.StoreFreshness + TimeSpan.FromSeconds(1));
        _store.Hold();
        var before = _credentials.RefreshAsync(CancellationToken.None); // reads the old values, held

        await _credentials.SetAsync("webops/session", "session-cookie-0123456789", CancellationToken.None);
        _store.Release();
        await before.WaitAsync(TimeSpan.FromSeconds(30));

        _credentials.Get("webops/session").ShouldBe("session-cookie-0123456789");
        _credentials.Get(Key).ShouldBe("first-api-key-0123456789");
    }

    [Fact]
    public async Task Invalidate_MakesTheNextRequestReadTheStore()
    {
        await _credentials.RefreshAsync(CancellationToken.None);
        _store.Put("acme", Key, "rotated-api-key-0123456789");
        _credentials.Get(Key).ShouldBe("first-api-key-0123456789", "within its freshness the copy is used");

        _credentials.Invalidate();
        await _credentials.RefreshAsync(CancellationToken.None);

        _store.Listings.ShouldBe(2);
        _credentials.Get(Key).ShouldBe("rotated-api-key-0123456789");
    }

    [Fact]
    public async Task Get_WhenTheStoreIsDown_FailsWithItsError_AndRecoversWhenItIsBack()
    {
        _store.Down = true;
        Should.Throw<BastionException>(() => _credentials.Get(Key)).Message.ShouldContain("cannot be reached");
        await _credentials.RefreshAsync(CancellationToken.None); // never throws: the readers report it

        _store.Down = false;
        await _credentials.RefreshAsync(CancellationToken.None);
        _credentials.Get(Key).ShouldBe("first-api-key-0123456789");

        // An old copy is not served on when the store has failed since: the reader gets the error at once, even while
        // the read it started hangs (a database that does not answer must not hold request threads).
        _clock.Advance(PlatformCredentials.StoreFreshness + TimeSpan.FromSeconds(1));
        _store.Down = true;
        await _credentials.RefreshAsync(CancellationToken.None);
        _store.Hold();
        (await Task.Run(() => Should.Throw<BastionException>(() => _credentials.Get(Key))).WaitAsync(TimeSpan.FromSeconds(30)))
            .Message.ShouldContain("cannot be reached");

        // The next request's refresh reads again and finds the store back.
        _store.Down = false;
        _store.Release();
        await _credentials.RefreshAsync(CancellationToken.None);
        await _credentials.RefreshAsync(CancellationToken.None);
        _credentials.Get(Key).ShouldBe("first-api-key-0123456789");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
