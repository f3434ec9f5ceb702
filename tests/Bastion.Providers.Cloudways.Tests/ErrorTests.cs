using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>How Cloudways' refusals read once Bastion has turned them into messages.</summary>
public sealed class ErrorTests
{
    [Fact]
    public async Task ValidationErrors_Surface_EachFieldWithItsMessageAndCode()
    {
        await using var h = await Harness.StartAsync();
        var client = h.Get<CloudwaysClient>();

        var unknown = await Should.ThrowAsync<PlatformException>(() => client.PostAsync("/server/restart", CancellationToken.None, CloudwaysClient.Field("server_id", 999)));
        var notANumber = await Should.ThrowAsync<PlatformException>(() => client.PostAsync("/server/restart", CancellationToken.None, CloudwaysClient.Field("server_id", "abc")));

        unknown.Status.ShouldBe(422);
        unknown.Message.ShouldBe("Cloudways: POST /server/restart was rejected (422): server_id: The selected server id is invalid. (exists).");
        notANumber.Message.ShouldContain("server_id: The server id must be an integer. (integer)");
        unknown.Transient.ShouldBeFalse();
    }

    [Fact]
    public async Task AnUnknownPath_AnsweredWithText_IsAClearError_NotAnEmptyResult()
    {
        await using var h = await Harness.StartAsync();

        var error = await Should.ThrowAsync<PlatformException>(() => h.Get<CloudwaysClient>().GetAsync("/no/such/call", CancellationToken.None));

        error.Message.ShouldContain("GET /no/such/call answered with text instead of JSON (\"You have reached Cloudways API.\")");
        error.Message.ShouldContain("cloudways/url");
    }

    [Fact]
    public async Task GetParameters_TravelInTheQueryString()
    {
        await using var h = await Harness.StartAsync();

        // The fake refuses GET bodies and answers 422 without server_id: a 200 proves the parameter went in the query.
        var settings = await h.Get<CloudwaysClient>().GetAsync("/server/manage/settings", CancellationToken.None, CloudwaysClient.Field("server_id", 50482));

        settings.GetProperty("settings").GetProperty("package_versions").GetProperty("php").GetString().ShouldBe("8.2");
    }

    [Fact]
    public async Task TheFake_RefusesJsonBodies_AndMissingTokens_AsCloudwaysDoes()
    {
        // The fake's own strictness, so that a client sending JSON or no token could not pass the other tests.
        await using var h = await Harness.StartAsync();
        using var http = new HttpClient();
        var url = h.Fake.BaseUrl.AbsoluteUri;

        using var json = await http.PostAsync(url + "/oauth/access_token", new StringContent($$"""{"email":"{{Harness.Email}}","api_key":"{{Harness.ApiKey}}"}""", System.Text.Encoding.UTF8, "application/json"));
        using var anonymous = await http.GetAsync(url + "/server");

        ((int)json.StatusCode).ShouldBe(415);
        ((int)anonymous.StatusCode).ShouldBe(400);
        (await anonymous.Content.ReadAsStringAsync()).ShouldContain("Access token not provided");
    }

    [Theory]
    [InlineData("https://api.cloudways.com/api/v2/", "https://api.cloudways.com/api/v2")]
    [InlineData("http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1")]
    [InlineData("http://localhost:9/api/v1", "http://localhost:9/api/v1")]
    public void BaseUrl_AcceptsHttps_AndPlainHttpOnLoopback(string stored, string used) =>
        CloudwaysCredentialStore.ParseUrl(stored).AbsoluteUri.TrimEnd('/').ShouldBe(used);

    [Theory]
    [InlineData("http://api.cloudways.com/api/v1", "plain http")]
    [InlineData("ftp://example.test/api", "not an http(s) URL")]
    [InlineData("api.cloudways.com/api/v1", "not an http(s) URL")]
    public void BaseUrl_RefusesPlainHttpToOtherHosts_AndNonHttpUrls(string stored, string reason) =>
        Should.Throw<PlatformException>(() => CloudwaysCredentialStore.ParseUrl(stored)).Message.ShouldContain(reason);

    [Fact]
    public void Reason_ReadsOAuthErrors_MessageFields_AndFieldMaps()
    {
        static string Reason(int status, string body) =>
            CloudwaysErrors.Reason(new CloudwaysAnswer(status, JsonDocument.Parse(body).RootElement.Clone(), body));

        Reason(401, """{"error":"invalid_token","error_description":"expired"}""").ShouldBe("expired");
        Reason(500, """{"status":false,"message":"Internal error"}""").ShouldBe("Internal error");
        Reason(422, """{"app_id":[{"code":"required","message":"The app id field is required."}],"server_id":["Bad id."]}""")
            .ShouldBe("app_id: The app id field is required. (required); server_id: Bad id.");
    }

    [Fact]
    public async Task A200WithStatusFalse_IsAnError()
    {
        await using var h = await Harness.StartAsync();
        var answer = new CloudwaysAnswer(200, JsonDocument.Parse("""{"status":false,"message":"Server is locked"}""").RootElement.Clone(), "");

        CloudwaysErrors.For(answer, "POST /server/stop", CloudwaysAuthMode.ApiKey).Message.ShouldBe("Cloudways: POST /server/stop did not succeed: Server is locked.");
    }
}
