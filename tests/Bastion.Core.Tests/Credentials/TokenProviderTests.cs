using System.Diagnostics;
using System.Text.Json;
using Bastion.Core.Credentials;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bastion.Core.Tests.Credentials;

public class TokenProviderTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ManualClock _clock = new(Start);

    // No attempt timeout, so the only timers are backoff delays; jitter at its top, so delays are exact.
    private static TokenProviderOptions Options(int maxAttempts = 3) => new()
    {
        CredentialKind = "Cloudways API key",
        VaultKey = "cloudways/prod",
        MaxAttempts = maxAttempts,
        AttemptTimeout = Timeout.InfiniteTimeSpan,
        Jitter = () => 1.0,
    };

    private TokenProvider Provider(FakeExchange exchange, TokenProviderOptions? options = null) =>
        new("prod", exchange, options ?? Options(), _clock, NullLogger<TokenProvider>.Instance);

    private IssuedToken Issue(int call, TimeSpan? lifetime = null) => new($"SECRET-token-{call}", _clock.GetUtcNow() + (lifetime ?? Lifetime));

    private FakeExchange Issuing(TimeSpan? lifetime = null) => new((call, _) => Task.FromResult(Issue(call, lifetime)));

    private static async Task WaitUntil(Func<bool> condition)
    {
        var started = Stopwatch.StartNew();
        while (!condition())
        {
            started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5), "the condition never held");
            await Task.Delay(1);
        }
    }

    [Fact]
    public async Task GetToken_FetchesOnce_AndDoesNotRefreshAFreshToken()
    {
        var exchange = Issuing();
        var provider = Provider(exchange);

        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-1");
        _clock.Advance(TimeSpan.FromMinutes(30));
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-1");

        exchange.Calls.ShouldBe(1);
        provider.Status.ShouldBe(new TokenStatus("prod", "valid", 1800, Start, null, 1));
    }

    [Fact]
    public async Task Invalidate_DropsTheCachedToken_SoTheNextCallExchangesAgain()
    {
        var exchange = Issuing();
        var provider = Provider(exchange);
        var first = await provider.GetTokenAsync(CancellationToken.None);

        provider.Invalidate(first).ShouldBeTrue();
        provider.Status.State.ShouldBe("never_fetched");
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-2");
        exchange.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task Invalidate_KeepsATokenThatIsNoLongerTheOneNamed()
    {
        var exchange = Issuing();
        var provider = Provider(exchange);
        var first = await provider.GetTokenAsync(CancellationToken.None);
        provider.Invalidate(first).ShouldBeTrue();
        var second = await provider.GetTokenAsync(CancellationToken.None);

        // A second caller that also saw the first token refused must not throw away the renewed one.
        provider.Invalidate(first).ShouldBeFalse();
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe(second);
        exchange.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetToken_RenewsAtExpiryMinusRenewBefore_NotAfter()
    {
        var exchange = Issuing();
        var provider = Provider(exchange);
        await provider.GetTokenAsync(CancellationToken.None);

        _clock.Advance(Lifetime - TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-1");
        exchange.Calls.ShouldBe(1);

        _clock.Advance(TimeSpan.FromSeconds(1));
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-2");
        exchange.Calls.ShouldBe(2);
        provider.Status.Refreshes.ShouldBe(2);
        provider.Status.ExpiresInSeconds.ShouldBe(3600);
    }

    [Fact]
    public async Task GetToken_RenewsAtHalfLife_WhenTheTokenLivesLessThanTwiceRenewBefore()
    {
        var exchange = Issuing(TimeSpan.FromMinutes(2));
        var provider = Provider(exchange);
        await provider.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(59));
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-1");
        _clock.Advance(TimeSpan.FromSeconds(1));
        (await provider.GetTokenAsync(CancellationToken.None)).ShouldBe("SECRET-token-2");
        exchange.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task GetToken_FiftyConcurrentCallersDuringExpiry_ShareOneExchange()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exchange = new FakeExchange(async (call, _) =>
        {
            if (call > 1)
            {
                await release.Task;
            }

            return Issue(call);
        });
        var provider = Provider(exchange);
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(Lifetime + TimeSpan.FromMinutes(1));
        provider.Status.State.ShouldBe("expired");

        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var callers = Enumerable.Range(0, 50).Select(_ => Task.Run(async () =>
        {
            await go.Task;
            var token = provider.GetTokenAsync(CancellationToken.None);
            Interlocked.Increment(ref waiting);
            return await token;
        })).ToArray();
        go.SetResult();
        await WaitUntil(() => Volatile.Read(ref waiting) == 50);

        callers.ShouldAllBe(c => !c.IsCompleted);
        exchange.Calls.ShouldBe(2);
        release.SetResult();
        (await Task.WhenAll(callers)).ShouldAllBe(t => t == "SECRET-token-2");
        exchange.Calls.ShouldBe(2);
        provider.Status.Refreshes.ShouldBe(2);
    }

    [Fact]
    public async Task GetToken_RetriesATransientFailure_ThenSurfacesIt_AndTheNextCallTriesAgain()
    {
        var healthy = false;
        var exchange = new FakeExchange((call, _) => healthy
            ? Task.FromResult(Issue(call))
            : Task.FromException<IssuedToken>(new HttpRequestException("Connection refused (api.cloudways.com:443)")));
        var provider = Provider(exchange);

        var error = await Should.ThrowAsync<BastionException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        exchange.Calls.ShouldBe(3);
        _clock.Scheduled.ShouldBe([TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400)]);
        error.ShouldNotBeOfType<TokenRevokedException>();
        error.InnerException.ShouldBeOfType<HttpRequestException>();
        error.Message.ShouldBe("Could not get an access token for 'prod' (3 attempts): Connection refused (api.cloudways.com:443). The next call tries again.");
        provider.Status.ShouldBe(new TokenStatus("prod", "failing", null, null, error.Message, 0));

        healthy = true;
        (await _clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None))).ShouldBe("SECRET-token-4");
        exchange.Calls.ShouldBe(4);
        provider.Status.State.ShouldBe("valid");
        provider.Status.LastError.ShouldBeNull();
    }

    [Fact]
    public async Task GetToken_TriesOnce_WhenMaxAttemptsIsOne()
    {
        var exchange = new FakeExchange((_, _) => throw new InvalidOperationException("boom"));
        var provider = Provider(exchange, Options(maxAttempts: 1));

        var error = await Should.ThrowAsync<BastionException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        exchange.Calls.ShouldBe(1);
        error.Message.ShouldContain("(1 attempt): boom");
    }

    [Fact]
    public async Task GetToken_DoesNotRetryARevokedCredential_AndStatusSaysRevoked()
    {
        var replaced = false;
        var exchange = new FakeExchange((call, _) => replaced
            ? Task.FromResult(Issue(call))
            : Task.FromException<IssuedToken>(new TokenRevokedException("HTTP 401 Unauthorized: invalid_credentials")));
        var provider = Provider(exchange);

        var error = await Should.ThrowAsync<TokenRevokedException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        exchange.Calls.ShouldBe(1);
        _clock.Scheduled.ShouldBeEmpty();
        error.Message.ShouldBe("The Cloudways API key for 'prod' was refused (HTTP 401 Unauthorized: invalid_credentials); set a new one with `bastion vault set cloudways/prod`.");
        provider.Status.State.ShouldBe("revoked");
        provider.Status.LastError.ShouldBe(error.Message);

        // Not poisoned: once a new key is set, the next call gets a token.
        replaced = true;
        (await _clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None))).ShouldBe("SECRET-token-2");
        provider.Status.State.ShouldBe("valid");
    }

    [Fact]
    public async Task GetToken_NamesTheDefaultVaultKey_WhenTheExchangeGivesNoReason()
    {
        var exchange = new FakeExchange((_, _) => throw new TokenRevokedException());
        var provider = new TokenProvider("cloudways-eu", exchange, new TokenProviderOptions { CredentialKind = "Cloudways API key" }, _clock, NullLogger<TokenProvider>.Instance);

        var error = await Should.ThrowAsync<TokenRevokedException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        error.Message.ShouldBe("The Cloudways API key for 'cloudways-eu' was refused; set a new one with `bastion vault set cloudways-eu`.");
        exchange.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task GetToken_ReturnsTheCachedToken_WhenAProactiveRefreshFails()
    {
        var healthy = true;
        var exchange = new FakeExchange((call, _) => healthy
            ? Task.FromResult(Issue(call))
            : Task.FromException<IssuedToken>(new HttpRequestException("503 Service Unavailable")));
        var provider = Provider(exchange);
        await provider.GetTokenAsync(CancellationToken.None);

        healthy = false;
        _clock.Advance(Lifetime - TimeSpan.FromMinutes(2));
        (await _clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None))).ShouldBe("SECRET-token-1");

        exchange.Calls.ShouldBe(4);
        var status = provider.Status;
        status.State.ShouldBe("failing");
        status.LastError!.ShouldContain("503 Service Unavailable");
        status.ExpiresInSeconds!.Value.ShouldBe(120 - 0.6, 0.05);

        // Once the cached token has expired, the failure surfaces.
        _clock.Advance(TimeSpan.FromMinutes(2));
        await Should.ThrowAsync<BastionException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));
        exchange.Calls.ShouldBe(7);
    }

    [Fact]
    public async Task GetToken_SurfacesARevokedCredential_EvenWithACachedToken()
    {
        var revoked = false;
        var exchange = new FakeExchange((call, _) => revoked
            ? Task.FromException<IssuedToken>(new TokenRevokedException("HTTP 403"))
            : Task.FromResult(Issue(call)));
        var provider = Provider(exchange);
        await provider.GetTokenAsync(CancellationToken.None);

        revoked = true;
        _clock.Advance(Lifetime - TimeSpan.FromMinutes(2));
        await Should.ThrowAsync<TokenRevokedException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        exchange.Calls.ShouldBe(2);
        provider.Status.State.ShouldBe("revoked");
        provider.Status.ExpiresInSeconds.ShouldBeNull();
    }

    [Fact]
    public async Task GetToken_CallerCancellation_DoesNotCancelTheSharedRefresh()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var exchange = new FakeExchange(async (call, ct) =>
        {
            if (call > 1)
            {
                await release.Task.WaitAsync(ct);
            }

            return Issue(call);
        });
        var provider = Provider(exchange);
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(Lifetime);

        using var impatient = new CancellationTokenSource();
        var first = provider.GetTokenAsync(impatient.Token);
        var second = provider.GetTokenAsync(CancellationToken.None);
        await WaitUntil(() => exchange.Calls == 2);
        await impatient.CancelAsync();

        await Should.ThrowAsync<OperationCanceledException>(first.WaitAsync(TimeSpan.FromSeconds(5)));
        exchange.LastToken.IsCancellationRequested.ShouldBeFalse();
        second.IsCompleted.ShouldBeFalse();
        release.SetResult();
        (await second).ShouldBe("SECRET-token-2");
        exchange.Calls.ShouldBe(2);
        provider.Status.Refreshes.ShouldBe(2);
    }

    [Fact]
    public async Task GetToken_EndsAHungExchange_AfterTheAttemptTimeout_AndRetriesIt()
    {
        var exchange = new FakeExchange(async (call, ct) =>
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return Issue(call);
        });
        var provider = Provider(exchange, new TokenProviderOptions { AttemptTimeout = TimeSpan.FromSeconds(10), Jitter = () => 0.0 });

        var error = await Should.ThrowAsync<BastionException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        exchange.Calls.ShouldBe(3);
        error.Message.ShouldBe("Could not get an access token for 'prod' (3 attempts): no answer within 10 s. The next call tries again.");
        _clock.Scheduled.ShouldBe([TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(10)]);
    }

    [Fact]
    public async Task GetToken_TreatsAnEmptyAccessTokenAsAFailure()
    {
        var exchange = new FakeExchange((_, _) => Task.FromResult(new IssuedToken("", Start + Lifetime)));
        var provider = Provider(exchange);

        var error = await Should.ThrowAsync<BastionException>(_clock.RunUntilDone(provider.GetTokenAsync(CancellationToken.None)));

        error.Message.ShouldContain("without an access token");
        exchange.Calls.ShouldBe(3);
    }

    [Fact]
    public void Status_IsNeverFetched_BeforeTheFirstCall()
    {
        Provider(Issuing()).Status.ShouldBe(new TokenStatus("prod", "never_fetched", null, null, null, 0));
    }

    [Fact]
    public async Task Status_SaysExpired_OnceTheCachedTokenExpired()
    {
        var provider = Provider(Issuing());
        await provider.GetTokenAsync(CancellationToken.None);
        _clock.Advance(Lifetime + TimeSpan.FromSeconds(30));

        provider.Status.ShouldBe(new TokenStatus("prod", "expired", -30, Start, null, 1));
    }

    [Fact]
    public async Task Status_NeverContainsTheToken()
    {
        var provider = Provider(Issuing());
        await provider.GetTokenAsync(CancellationToken.None);
        var registry = new TokenProviderRegistry();
        registry.Register(provider);

        var texts = new[]
        {
            JsonSerializer.Serialize(provider.Status),
            JsonSerializer.Serialize(registry.Statuses()),
            provider.Status.ToString(),
            Issue(1).ToString(),
        };

        texts[0].ShouldContain("\"State\":\"valid\"");
        texts.ShouldAllBe(t => !t.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_RefusesNonsensicalOptions()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Provider(Issuing(), new TokenProviderOptions { MaxAttempts = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => Provider(Issuing(), new TokenProviderOptions { MaxDelay = TimeSpan.FromMilliseconds(10) }));
        Should.Throw<ArgumentOutOfRangeException>(() => Provider(Issuing(), new TokenProviderOptions { AttemptTimeout = TimeSpan.Zero }));
    }
}
