namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>Certificates and the domain (cloudways_app_change le_*, custom_*, cname_*, https_*) through the pipeline against the fake.</summary>
public sealed class SslDomainTests
{
    private const string PrivateKey = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7fakeKey0x5e2d\n-----END PRIVATE KEY-----";

    [Fact]
    public async Task LetsEncrypt_InstallAutoRenewRenewRevoke_FollowTheAppsCertificate()
    {
        await using var s = await DayTwoSession.StartAsync();
        var app = new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131933 };

        var install = await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "le_install", ["email"] = "ops@example.test", ["domains"] = new[] { "shop.example.test", "www.shop.example.test" } });
        s.Shop.Ssl.ShouldBe("letsencrypt");
        s.Shop.SslDomains.ShouldBe(["shop.example.test", "www.shop.example.test"]);
        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "le_auto_renew", ["enabled"] = true });
        s.Shop.SslAutoRenew.ShouldBeTrue();
        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "le_renew", ["domains"] = new[] { "shop.example.test" } });
        s.Shop.SslRenewals.ShouldBe(1);
        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "le_revoke", ["domains"] = new[] { "shop.example.test" } });

        install.GetProperty("call").GetString().ShouldBe("POST /security/lets_encrypt_install");
        install.GetProperty("state").GetString().ShouldBe("completed");
        s.Shop.Ssl.ShouldBe("none");
        s.Asked.Count.ShouldBe(4);
    }

    [Fact]
    public async Task LetsEncryptInstall_WithoutAnEmail_IsRefused_NamingTheField()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "le_install", ["domains"] = new[] { "shop.example.test" } });

        text.ShouldContain("action 'le_install' needs email");
        s.Sent("POST", "/security/lets_encrypt_install").ShouldBeEmpty();
    }

    [Fact]
    public async Task CustomCertificate_InstallsAndRemoves_AndThePrivateKeyStaysOutOfTheAuditLog()
    {
        await using var s = await DayTwoSession.StartAsync();
        var app = new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131934 };

        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "custom_install", ["certificate"] = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", ["private_key"] = PrivateKey });
        s.Prod.Apps[1].Ssl.ShouldBe("custom");
        var removed = await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "custom_remove" });

        removed.GetProperty("call").GetString().ShouldBe("DELETE /security/removeCustomSSL");
        s.Prod.Apps[1].Ssl.ShouldBe("none");
        s.H.AuditText().ShouldContain("custom_install");
        s.H.AuditText().ShouldNotContain("fakeKey0x5e2d");
        s.H.Logs.Lines.ShouldNotContain(l => l.Contains("fakeKey0x5e2d", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Domain_UpdateAndDelete_TheCname_AndEnforceHttps()
    {
        await using var s = await DayTwoSession.StartAsync();
        var app = new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131934 };

        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "cname_update", ["cname"] = "blog.example.test" });
        s.Prod.Apps[1].Cname.ShouldBe("blog.example.test");
        await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "https_on" });
        var deleted = await s.OkAsync("cloudways_app_change", new(app) { ["action"] = "cname_delete" });

        s.Prod.Apps[1].HttpsEnforced.ShouldBeTrue();
        s.Prod.Apps[1].Cname.ShouldBeEmpty();
        deleted.GetProperty("call").GetString().ShouldBe("DELETE /app/manage/cname");
        deleted.GetProperty("operation_id").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Domain_CnameGivenToHttpsOn_IsRefused()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131934, ["action"] = "https_on", ["cname"] = "x.example.test" });

        text.ShouldContain("action 'https_on' does not take cname; only cname_update does.");
        s.Sent("POST", "/app/manage/enforce_https").ShouldBeEmpty();
    }

    [Fact]
    public async Task Domain_ForAnUnknownApp_IsCloudwaysRefusal()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 999, ["action"] = "https_on" });

        text.ShouldContain("app_id: The selected app id is invalid.");
    }
}
