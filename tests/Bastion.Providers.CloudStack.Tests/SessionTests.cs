using Bastion.Testing;
using Bastion.Core.Secrets;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>The username/password alternative: login by POST, cookie plus sessionkey on every call, one new login on 401.</summary>
public sealed class SessionTests : IAsyncLifetime
{
    private readonly ManualClock _serverClock = new(DateTimeOffset.UtcNow);
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync(new CloudStackFakeOptions { Clock = _serverClock, SessionTimeout = TimeSpan.FromMinutes(30) });

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    [Fact]
    public async Task Login_IsAPostWithThePasswordInTheBody_ThenEveryCallCarriesCookieAndSessionKey()
    {
        var redactor = new Redactor();
        using var client = Clients.For(Clients.Login(_fake), redactor: redactor);
        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);

        var requests = _fake.Requests;
        requests.Count.ShouldBe(3);
        var login = requests[0];
        (login.Method, login.Command, login.Query).ShouldBe(("POST", "login", string.Empty));
        login.Body.ShouldContain("password=" + CloudStackSigner.Encode(_fake.Options.Password));
        login.Body.ShouldContain("domain=%2F");
        var sessionKey = requests[1].Body.Split('&').Single(p => p.StartsWith("sessionkey=", StringComparison.Ordinal))["sessionkey=".Length..];
        foreach (var call in requests.Skip(1))
        {
            call.Method.ShouldBe("POST");
            call.Query.ShouldBeEmpty("the session key never goes into a URL");
            call.Cookie.ShouldStartWith("JSESSIONID=");
            call.Body.ShouldNotContain("password");
        }

        redactor.Redact($"key {Uri.UnescapeDataString(sessionKey)}").ShouldNotContain(Uri.UnescapeDataString(sessionKey));
        _fake.Count("login").ShouldBe(1);
    }

    [Fact]
    public async Task WrongPassword_Is531_AndSaysWhatToCheck()
    {
        using var client = Clients.For(Clients.Login(_fake, password: "wrong-password-000"));
        var error = await Should.ThrowAsync<PlatformException>(() => client.ReadAsync("listZones", Clients.None(), CancellationToken.None));
        error.Status.ShouldBe(531);
        error.Message.ShouldContain("login failed (errorcode 531");
        error.Message.ShouldContain("check cloudstack/username, cloudstack/password and cloudstack/domain");
        error.Message.ShouldNotContain("wrong-password-000");
        _fake.Count("login").ShouldBe(1, "a refused login is an answer, not retried");
    }

    [Fact]
    public async Task AnEndedSession_LogsInAgainOnce_AndTheCallSucceeds()
    {
        using var client = Clients.For(Clients.Login(_fake));
        await client.ReadAsync("listZones", Clients.None(), CancellationToken.None);
        _fake.ExpireSessions();

        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
        _fake.Count("login").ShouldBe(2);
        _fake.Count("listZones").ShouldBe(3, "the refused call, then the same call in the new session");
    }

    [Fact]
    public async Task AnIdleSession_ExpiresOnTheServer_AndTheClientLogsInAgain()
    {
        using var client = Clients.For(Clients.Login(_fake));
        await client.ReadAsync("listZones", Clients.None(), CancellationToken.None);
        _serverClock.Advance(TimeSpan.FromMinutes(31));

        (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
        _fake.Count("login").ShouldBe(2);
    }

    [Fact]
    public async Task TheClient_LogsInAgainBeforeTheSessionTimesOut_ByItsOwnClock()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        using var client = Clients.For(Clients.Login(_fake), clock: clock);
        await client.ReadAsync("listZones", Clients.None(), CancellationToken.None);
        clock.Advance(TimeSpan.FromMinutes(28));
        await client.ReadAsync("listZones", Clients.None(), CancellationToken.None);
        _fake.Count("login").ShouldBe(2, "a session close to its timeout (1800 s from the login answer) is not used");
        _fake.Count("listZones").ShouldBe(2, "no call was refused");
    }

    [Fact]
    public async Task AsyncCommands_RunInTheSession_AndAreNotResentUnlessRefusedBeforeRunning()
    {
        using var client = Clients.For(Clients.Login(_fake));
        var started = await client.StartJobAsync("stopVirtualMachine", Clients.With(("id", FakeSeed.VmWeb02)), CancellationToken.None);
        (await client.WaitForJobAsync(started.JobId, "stop", null, CancellationToken.None)).StatusName.ShouldBe("succeeded");
        _fake.Count("stopVirtualMachine").ShouldBe(1);
    }
}
