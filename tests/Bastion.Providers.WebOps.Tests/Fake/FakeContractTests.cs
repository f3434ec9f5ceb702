using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Fakes.WebOps;

namespace Bastion.Providers.WebOps.Tests.Fake;

/// <summary>
/// The fake holds clients to WebOps's contract as the notes describe it: a fake that let sloppy clients through would
/// make the adapter's tests worthless. Raw HTTP, no Bastion code.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "Disposed in DisposeAsync (IAsyncLifetime).")]
public sealed partial class FakeContractTests : IAsyncLifetime
{
    private FakeWebOps _fake = null!;
    private HttpClient _http = null!;
    private CookieContainer _cookies = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeWebOps.StartAsync();
        _cookies = new CookieContainer();
#pragma warning disable CA2000 // the client owns the handler
        _http = new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(_fake.Url) };
#pragma warning restore CA2000
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _fake.DisposeAsync();
    }

    private string? Cookie(string name) => _cookies.GetCookies(new Uri(_fake.Url)).FirstOrDefault(c => c.Name == name)?.Value;

    private async Task LogInAsync()
    {
        var page = await _http.GetStringAsync("/auth/login/");
        var token = FormToken().Match(page).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrfmiddlewaretoken"] = token, ["username"] = "admin", ["password"] = _fake.Options.Password }),
        };
        request.Headers.Referrer = new Uri(_fake.Url + "/auth/login/");
        using var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
    }

    private HttpRequestMessage Post(string path, string json, string? csrf, bool referer = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRFToken", csrf);
        }

        if (referer)
        {
            request.Headers.Referrer = new Uri(_fake.Url + "/");
        }

        return request;
    }

    [Theory]
    [InlineData("/api/deployments/")]
    [InlineData("/api/deployments/blog/logs/")]
    [InlineData("/monitoring/api/system/health/")]
    [InlineData("/compliance/api/dashboard-stats/")]
    public async Task AnonymousRequests_AreRedirectedToTheLoginPage_WithNext(string path)
    {
        using var response = await _http.GetAsync(path + "?page=2");
        response.StatusCode.ShouldBe(HttpStatusCode.Found);
        response.Headers.Location!.OriginalString.ShouldBe("/auth/login/?next=" + path + "%3Fpage%3D2");
    }

    [Fact]
    public async Task TheLoginPage_SetsTheCsrfCookie_AndCarriesAMaskedToken()
    {
        var page = await _http.GetStringAsync("/auth/login/");
        var secret = Cookie("csrftoken");
        secret.ShouldNotBeNull().Length.ShouldBe(32);
        var token = FormToken().Match(page).Groups[1].Value;
        token.Length.ShouldBe(64);
        token.ShouldNotContain(secret);
    }

    [Fact]
    public async Task Login_RotatesTheCsrfSecret_AndSetsAnHttpOnlySession()
    {
        await _http.GetStringAsync("/auth/login/");
        var before = Cookie("csrftoken");
        await LogInAsync();
        Cookie("csrftoken").ShouldNotBe(before);
        _cookies.GetCookies(new Uri(_fake.Url)).Single(c => c.Name == "sessionid").HttpOnly.ShouldBeTrue();
    }

    [Fact]
    public async Task AWrongPassword_RendersTheFormAgain_With200()
    {
        var page = await _http.GetStringAsync("/auth/login/");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/auth/login/")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["csrfmiddlewaretoken"] = FormToken().Match(page).Groups[1].Value, ["username"] = "admin", ["password"] = "wrong" }),
        };
        request.Headers.Referrer = new Uri(_fake.Url + "/auth/login/");
        using var response = await _http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Invalid username or password.");
        Cookie("sessionid").ShouldBeNull();
    }

    [Fact]
    public async Task PostsWithoutCsrf_AreRefusedLikeDjango()
    {
        await LogInAsync();
        var csrf = Cookie("csrftoken")!;
        const string body = """{"name": "blog", "repo_url": "https://git.example.org/me/blog.git"}""";

        using (var missing = await _http.SendAsync(Post("/api/deployments/create/", body, csrf: null)))
        {
            missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await missing.Content.ReadAsStringAsync()).ShouldContain("CSRF verification failed. Request aborted.");
            (await missing.Content.ReadAsStringAsync()).ShouldContain("CSRF token missing.");
        }

        using (var wrong = await _http.SendAsync(Post("/api/deployments/create/", body, csrf: new string('x', 32))))
        {
            (await wrong.Content.ReadAsStringAsync()).ShouldContain("CSRF token incorrect.");
        }

        using (var noReferer = await _http.SendAsync(Post("/api/deployments/create/", body, csrf, referer: false)))
        {
            (await noReferer.Content.ReadAsStringAsync()).ShouldContain("Referer checking failed - no Referer.");
        }

        _fake.Read(s => s.Deployments.Count()).ShouldBe(0);
        using var right = await _http.SendAsync(Post("/api/deployments/create/", body, csrf));
        right.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task WithoutTheCsrfCookie_ThePostIsRefused_EvenWithAHeader()
    {
        await LogInAsync();
        var csrf = Cookie("csrftoken")!;
        _cookies.GetCookies(new Uri(_fake.Url))["csrftoken"]!.Expired = true;
        using var response = await _http.SendAsync(Post("/api/deployments/create/", "{}", csrf));
        (await response.Content.ReadAsStringAsync()).ShouldContain("CSRF cookie not set.");
    }

    [Fact]
    public async Task TheDeployLifecycle_AdvancesWithPolls_AndLogsAccumulate()
    {
        await LogInAsync();
        using var created = await _http.SendAsync(Post("/api/deployments/create/", """{"name": "blog", "repo_url": "https://git.example.org/me/blog.git"}""", Cookie("csrftoken")));
        (await created.Content.ReadAsStringAsync()).ShouldBe("""{"id":1,"name":"blog","status":"pending","message":"Deployment queued successfully"}""");

        var seen = new List<string>();
        for (var i = 0; i < 1 + _fake.Options.BuildPolls; i++)
        {
            using var detail = JsonDocument.Parse(await _http.GetStringAsync("/api/deployments/blog/"));
            seen.Add(detail.RootElement.GetProperty("status").GetString()!);
        }

        seen.ShouldBe(["building", "building", "building", "running"]);
        using var logs = JsonDocument.Parse(await _http.GetStringAsync("/api/deployments/blog/logs/"));
        logs.RootElement.GetProperty("logs").GetArrayLength().ShouldBe(6);
        using var tail = JsonDocument.Parse(await _http.GetStringAsync("/api/deployments/blog/logs/?tail=2"));
        tail.RootElement.GetProperty("logs").EnumerateArray().Select(l => l.GetProperty("message").GetString()).First().ShouldBe("Deployment queued", "tail keeps the oldest rows");
    }

    [Fact]
    public async Task WrongMethods_GetDjangosEmpty405()
    {
        await LogInAsync();
        using var response = await _http.GetAsync("/api/deployments/create/");
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task AnOutOfRangePage_GivesTheLastPage_AsDjangosPaginator()
    {
        await LogInAsync();
        _fake.Mutate(s =>
        {
            for (var i = 0; i < 3; i++)
            {
                s.Create("admin", $"app{i}", "https://git.example.org/a.git", "main", string.Empty, [], "running");
            }
        });
        using var page = JsonDocument.Parse(await _http.GetStringAsync("/api/deployments/?page=9&per_page=2"));
        page.RootElement.GetProperty("deployments").GetArrayLength().ShouldBe(1);
        page.RootElement.GetProperty("pagination").GetRawText().ShouldBe("""{"page":9,"per_page":2,"total":3,"pages":2}""");
    }

    [GeneratedRegex("name=\"csrfmiddlewaretoken\" value=\"([A-Za-z0-9]+)\"")]
    private static partial Regex FormToken();
}
