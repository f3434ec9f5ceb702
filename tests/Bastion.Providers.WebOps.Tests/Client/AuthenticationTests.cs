using Bastion.Fakes.WebOps;
using Bastion.Fakes.WebOps.Faults;
using Bastion.Providers.WebOps.Deployments;

namespace Bastion.Providers.WebOps.Tests.Client;

/// <summary>How the client signs in to WebOps, and every way WebOps can refuse it.</summary>
public sealed class AuthenticationTests
{
    private static Task<(IReadOnlyList<Deployment> Items, int Total, int Pages)> ListAsync(WebOpsHarness bastion) =>
        bastion.Client.ListPageAsync(1, 20, null, CancellationToken.None);

    private static async Task SeedAsync(FakeWebOps fake, string name = "blog") =>
        fake.Mutate(s => s.Create(fake.Options.Username, name, "https://git.example.org/me/" + name + ".git", "main", string.Empty, [], "running"));

    [Fact]
    public async Task SessionLogin_GetsTheCsrfCookieAndSession_ThenReusesIt()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await SeedAsync(fake);
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));

        (await ListAsync(bastion)).Items.Select(d => d.Name).ShouldBe(["blog"]);
        (await ListAsync(bastion)).Total.ShouldBe(1);

        fake.Logins.ShouldBe(1);
        fake.Requests.ShouldBe(["GET /auth/login/", "POST /auth/login/", "GET /api/deployments/", "GET /api/deployments/"]);
    }

    [Fact]
    public async Task AWrongPassword_IsNotAuthenticated_AndNamesTheVaultEntries_WithoutThePassword()
    {
        await using var fake = await FakeWebOps.StartAsync();
        var vault = WebOpsHarness.SessionVault(fake);
        vault["webops/password"] = "not-the-password-42";
        await using var bastion = await WebOpsHarness.StartAsync(vault);

        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldStartWith("WebOps: not authenticated: WebOps refused the username and password in webops/username and webops/password");
        error.Message.ShouldNotContain("not-the-password-42");
        fake.FailedLogins.ShouldBe(1);
        fake.Count("GET", "/api/").ShouldBe(0, "nothing is asked of the API without a session");
    }

    [Fact]
    public async Task TwoFactorLogin_IsReportedAsSomethingBastionCannotComplete()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { TwoFactor = true });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));

        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldContain("not authenticated: the WebOps user in webops/username has two-factor login");
    }

    [Fact]
    public async Task AnExpiredSession_LogsInAgainOnce_AndTheCallSucceeds()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await SeedAsync(fake);
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));
        await ListAsync(bastion);

        fake.ExpireSessions();
        (await ListAsync(bastion)).Items.Count.ShouldBe(1);

        fake.Logins.ShouldBe(2);
        fake.Count("GET", "/api/deployments/").ShouldBe(3, "the refused request is repeated once after the new login");
    }

    [Fact]
    public async Task AnExpiredSession_DuringAPost_IsRepeatedOnce_AndCreatesOneDeployment()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));
        await ListAsync(bastion);
        fake.ExpireSessions();

        var created = await bastion.Client.CreateAsync("shop", "https://git.example.org/acme/shop.git", "main", null, new Dictionary<string, string>(), CancellationToken.None);

        created.Status.ShouldBe("pending");
        fake.Count("POST", "/api/deployments/create/").ShouldBe(2);
        fake.Read(s => s.Deployments.Count(d => d.Name == "shop")).ShouldBe(1);
    }

    [Fact]
    public async Task ASessionRefusedRightAfterLogin_IsNotAuthenticated_AfterExactlyOneNewLogin()
    {
        await using var fake = await FakeWebOps.StartAsync();
        fake.RefuseSessions = true;
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));

        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldContain("not authenticated: WebOps sent GET /api/deployments/ to its login page again right after a successful login");
        error.Status.ShouldBe(302);
        fake.Logins.ShouldBe(2, "one login, one new login, no loop");
    }

    [Fact]
    public async Task ATokenWebOpsIgnores_IsARedirectToLogin_ReportedAsNotAuthenticated_NotParsedAsData()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "tok_0123456789abcdefghij", AcceptBearer = false });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.TokenVault(fake));

        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldBe(
            "WebOps: not authenticated: WebOps answered GET /api/deployments/ with a redirect to its login page, so it does not accept the bearer token in webops/token " +
            "there (its views use Django session login). Store webops/username and webops/password so Bastion can log in.");
        fake.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task ATokenWebOpsIgnores_FallsBackToSessionLogin_WhenAPasswordIsStored()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "tok_0123456789abcdefghij", AcceptBearer = false });
        await SeedAsync(fake);
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake, token: true));

        (await ListAsync(bastion)).Items.Count.ShouldBe(1);
        (await ListAsync(bastion)).Items.Count.ShouldBe(1);

        fake.Logins.ShouldBe(1);
        fake.Count("GET", "/api/deployments/").ShouldBe(3, "the token is tried once, then the area uses the session");
    }

    [Fact]
    public async Task AnAcceptedToken_NeedsNoLogin_ButPostsStillCarryCsrf()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "tok_0123456789abcdefghij", AcceptBearer = true });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.TokenVault(fake));

        await bastion.Client.CreateAsync("api-only", "https://git.example.org/acme/api.git", "main", null, new Dictionary<string, string>(), CancellationToken.None);
        (await ListAsync(bastion)).Items.Select(d => d.Name).ShouldBe(["api-only"]);

        fake.Logins.ShouldBe(0);
        fake.Requests.ShouldBe(["GET /auth/login/", "POST /api/deployments/create/", "GET /api/deployments/"], "the login page only for the CSRF cookie");
    }

    [Fact]
    public async Task AnInvalidToken_IsNotAuthenticated_WithWebOpsReason()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "tok_0123456789abcdefghij", AcceptBearer = true });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.TokenVault(fake, "tok_revoked_0000000000"));

        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldContain("not authenticated: WebOps refused the token in webops/token (Invalid token: Token is invalid or expired)");
        error.Status.ShouldBe(401);
    }

    [Fact]
    public async Task AnAcceptedToken_UnderApi_StillNeedsASessionForMonitoring()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "tok_0123456789abcdefghij", AcceptBearer = true });
        await using var tokenOnly = await WebOpsHarness.StartAsync(WebOpsHarness.TokenVault(fake));
        await using var both = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake, token: true));

        await ListAsync(tokenOnly);
        (await Should.ThrowAsync<PlatformException>(() => tokenOnly.Client.HealthAsync(CancellationToken.None))).Message
            .ShouldContain("answered GET /monitoring/api/system/health/ with a redirect to its login page");

        await ListAsync(both);
        fake.Logins.ShouldBe(0);
        (await both.Client.HealthAsync(CancellationToken.None)).GetProperty("healthy").GetBoolean().ShouldBeTrue();
        fake.Logins.ShouldBe(1, "the session is needed only where the token is not accepted");
    }

    [Fact]
    public async Task ACsrfRefusal_GetsAFreshSecretByLoggingInAgain_AndTheRequestIsRepeatedOnce()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));
        fake.Inject(Fault.CsrfRejection("/api/deployments/create/"));

        await bastion.Client.CreateAsync("shop", "https://git.example.org/acme/shop.git", "main", null, new Dictionary<string, string>(), CancellationToken.None);

        fake.Count("POST", "/api/deployments/create/").ShouldBe(2);
        fake.Logins.ShouldBe(2, "a signed-in user gets a fresh CSRF secret from a new login");
        fake.Read(s => s.Deployments.Count()).ShouldBe(1);
    }

    [Fact]
    public async Task ACsrfRefusal_WithAToken_GetsAFreshCookieFromTheLoginPage()
    {
        await using var fake = await FakeWebOps.StartAsync(new FakeWebOpsOptions { Token = "tok_0123456789abcdefghij", AcceptBearer = true });
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.TokenVault(fake));
        fake.Inject(Fault.CsrfRejection("/api/deployments/create/"));

        await bastion.Client.CreateAsync("shop", "https://git.example.org/acme/shop.git", "main", null, new Dictionary<string, string>(), CancellationToken.None);

        fake.Requests.ShouldBe(["GET /auth/login/", "POST /api/deployments/create/", "GET /auth/login/", "POST /api/deployments/create/"]);
        fake.Logins.ShouldBe(0);
    }

    [Fact]
    public async Task ACsrfRefusalTwice_IsAnError_AndNothingIsCreated()
    {
        await using var fake = await FakeWebOps.StartAsync();
        await using var bastion = await WebOpsHarness.StartAsync(WebOpsHarness.SessionVault(fake));
        fake.Inject(Fault.CsrfRejection("/api/deployments/create/", times: 2));

        var error = await Should.ThrowAsync<PlatformException>(() =>
            bastion.Client.CreateAsync("shop", "https://git.example.org/acme/shop.git", "main", null, new Dictionary<string, string>(), CancellationToken.None));

        error.Message.ShouldStartWith("WebOps: POST /api/deployments/create/ was refused by WebOps's CSRF check twice (HTTP 403: CSRF token incorrect.); nothing was done.");
        fake.Count("POST", "/api/deployments/create/").ShouldBe(2);
        fake.Read(s => s.Deployments.Count()).ShouldBe(0);
    }

    [Fact]
    public async Task NothingStored_SaysWhatToStore()
    {
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string>());
        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldStartWith("WebOps: not configured. Store the control panel's address as webops/url");
    }

    [Fact]
    public async Task AMalformedUrl_IsRefusedWithAnExample()
    {
        await using var bastion = await WebOpsHarness.StartAsync(new Dictionary<string, string> { ["webops/url"] = "webops.example.org", ["webops/token"] = "tok_0123456789" });
        var error = await Should.ThrowAsync<PlatformException>(() => ListAsync(bastion));
        error.Message.ShouldContain("must be the control panel's base address, e.g. https://webops.example.org");
    }
}
