using System.Net;
using System.Text;
using System.Text.Json;
using Bastion.Fakes.CloudStack;
using Bastion.Providers.CloudStack.Api;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>
/// The fake's own rejection paths, asked with raw HTTP, so that no client test can pass because the fake is lenient:
/// what CloudStack refuses, the fake refuses, with CloudStack's status and body.
/// </summary>
public sealed class FakeContractTests : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();
    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    public void Dispose() => _http.Dispose();

    private string Signed(IEnumerable<KeyValuePair<string, string>> parameters, string? secret = null)
    {
        var all = parameters.Append(KeyValuePair.Create("apiKey", _fake.Options.ApiKey)).ToList();
        all.Add(KeyValuePair.Create("signature", FakeSignature.Compute(all, secret ?? _fake.Options.SecretKey)));
        return $"{_fake.Url}?{string.Join('&', all.Select(p => p.Key + "=" + FakeSignature.JavaUrlEncode(p.Value)))}";
    }

    private static KeyValuePair<string, string>[] Cmd(string command, params (string, string)[] more) =>
        [KeyValuePair.Create("command", command), KeyValuePair.Create("response", "json"), .. more.Select(m => KeyValuePair.Create(m.Item1, m.Item2))];

    private async Task<(int Status, JsonElement Body)> GetAsync(string url)
    {
        using var response = await _http.GetAsync(new Uri(url));
        return ((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static void ShouldBeError(JsonElement body, string envelope, int code, string text)
    {
        var inner = body.GetProperty(envelope);
        inner.GetProperty("errorcode").GetInt32().ShouldBe(code);
        inner.GetProperty("errortext").GetString()!.ShouldContain(text);
    }

    [Fact]
    public async Task ACorrectSignature_IsAccepted()
    {
        var (status, body) = await GetAsync(Signed(Cmd("listZones")));
        status.ShouldBe(200);
        body.GetProperty("listzonesresponse").GetProperty("count").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task AMissingSignature_Is401()
    {
        var (status, body) = await GetAsync($"{_fake.Url}?command=listZones&response=json&apiKey={_fake.Options.ApiKey}");
        status.ShouldBe(401);
        ShouldBeError(body, "listzonesresponse", 401, "unable to verify user credentials and/or request signature");
    }

    [Fact]
    public async Task AParameterChangedAfterSigning_Is401()
    {
        var url = Signed(Cmd("listVirtualMachines", ("state", "Running")));
        var (status, _) = await GetAsync(url.Replace("state=Running", "state=Stopped", StringComparison.Ordinal));
        status.ShouldBe(401);
    }

    [Fact]
    public async Task ASignatureOverPlusEncodedSpaces_Is401_BecauseTheServerSignsPercent20()
    {
        var all = Cmd("listZones", ("keyword", "zone a")).Append(KeyValuePair.Create("apiKey", _fake.Options.ApiKey)).ToList();
        var plusStyle = string.Join("&", all.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + FakeSignature.JavaUrlEncode(p.Value).Replace("%20", "+", StringComparison.Ordinal))).ToLowerInvariant();
#pragma warning disable CA5350
        using var mac = new System.Security.Cryptography.HMACSHA1(Encoding.UTF8.GetBytes(_fake.Options.SecretKey));
#pragma warning restore CA5350
        var signature = Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(plusStyle)));
        var url = $"{_fake.Url}?{string.Join('&', all.Select(p => p.Key + "=" + FakeSignature.JavaUrlEncode(p.Value)))}&signature={Uri.EscapeDataString(signature)}";
        (await GetAsync(url)).Status.ShouldBe(401);
    }

    [Theory]
    [InlineData("web (prod)")]
    [InlineData("it's")]
    [InlineData("~ops")]
    [InlineData("ready!")]
    public async Task ASignatureOverJavaScriptsEncodeUriComponent_Is401_ForCharactersItLeavesAlone(string keyword)
    {
        // encodeURIComponent leaves ! ' ( ) ~ unescaped; the server escapes them before comparing signatures. This is
        // how a client that signs that way (as the seed MCP server did) fails on ordinary values.
        static string EncodeUriComponent(string v) => Uri.EscapeDataString(v).Replace("%21", "!", StringComparison.Ordinal).Replace("%27", "'", StringComparison.Ordinal)
            .Replace("%28", "(", StringComparison.Ordinal).Replace("%29", ")", StringComparison.Ordinal).Replace("%2A", "*", StringComparison.Ordinal);
        var all = Cmd("listZones", ("keyword", keyword)).Append(KeyValuePair.Create("apiKey", _fake.Options.ApiKey)).ToList();
        var unsigned = string.Join("&", all.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + EncodeUriComponent(p.Value))).ToLowerInvariant();
#pragma warning disable CA5350
        using var mac = new System.Security.Cryptography.HMACSHA1(Encoding.UTF8.GetBytes(_fake.Options.SecretKey));
#pragma warning restore CA5350
        var signature = Convert.ToBase64String(mac.ComputeHash(Encoding.UTF8.GetBytes(unsigned)));
        var query = string.Join('&', all.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        (await GetAsync($"{_fake.Url}?{query}&signature={Uri.EscapeDataString(signature)}")).Status.ShouldBe(401);
        (await GetAsync(Signed(Cmd("listZones", ("keyword", keyword))))).Status.ShouldBe(200, "signed as the server encodes, the same call passes");
    }

    [Fact]
    public async Task AnExpiredRequest_Is401_AndAFreshOneIsAccepted()
    {
        string At(DateTimeOffset time) => Signed(Cmd("listZones", ("signatureVersion", "3"), ("expires", CloudStackSigner.FormatExpires(time))));
        (await GetAsync(At(DateTimeOffset.UtcNow.AddMinutes(-1)))).Status.ShouldBe(401);
        (await GetAsync(At(DateTimeOffset.UtcNow.AddMinutes(5)))).Status.ShouldBe(200);
        (await GetAsync(Signed(Cmd("listZones", ("signatureVersion", "3"))))).Status.ShouldBe(401, "version 3 without expires");
    }

    [Fact]
    public async Task LoginByGet_Is405()
    {
        var (status, body) = await GetAsync($"{_fake.Url}?command=login&response=json&username={_fake.Options.Username}&password={_fake.Options.Password}");
        status.ShouldBe(405);
        ShouldBeError(body, "loginresponse", 405, "Please use HTTP POST");
    }

    [Fact]
    public async Task ASessionCall_NeedsBothCookieAndSessionKey()
    {
        using var handler = new HttpClientHandler { UseCookies = true, CookieContainer = new CookieContainer() };
        using var http = new HttpClient(handler);
        using var login = await http.PostAsync(_fake.Url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["command"] = "login", ["username"] = _fake.Options.Username, ["password"] = _fake.Options.Password, ["response"] = "json",
        }));
        login.StatusCode.ShouldBe(HttpStatusCode.OK);
        var key = JsonDocument.Parse(await login.Content.ReadAsStringAsync()).RootElement.GetProperty("loginresponse").GetProperty("sessionkey").GetString()!;

        async Task<HttpStatusCode> Call(HttpClient client, string? sessionKey)
        {
            var form = new Dictionary<string, string> { ["command"] = "listZones", ["response"] = "json" };
            if (sessionKey is not null)
            {
                form["sessionkey"] = sessionKey;
            }

            using var response = await client.PostAsync(_fake.Url, new FormUrlEncodedContent(form));
            return response.StatusCode;
        }

        (await Call(http, key)).ShouldBe(HttpStatusCode.OK);
        (await Call(http, null)).ShouldBe(HttpStatusCode.Unauthorized, "cookie without sessionkey");
        (await Call(http, "not-the-key")).ShouldBe(HttpStatusCode.Unauthorized);
        (await Call(_http, key)).ShouldBe(HttpStatusCode.Unauthorized, "sessionkey without the cookie");
    }

    [Fact]
    public async Task PageWithoutPageSize_Is431_AndATooLargePage_Is431()
    {
        var (status, body) = await GetAsync(Signed(Cmd("listZones", ("page", "1"))));
        status.ShouldBe(431);
        ShouldBeError(body, "listzonesresponse", 431, "\"pagesize\" parameter is required when \"page\" is specified");
        (status, body) = await GetAsync(Signed(Cmd("listZones", ("page", "1"), ("pagesize", "501"))));
        status.ShouldBe(431);
        ShouldBeError(body, "listzonesresponse", 431, "Page size can't exceed max allowed page size value: 500");
    }

    [Fact]
    public async Task AnEmptyList_IsAnEmptyObject()
    {
        var (status, body) = await GetAsync(Signed(Cmd("listVolumes", ("keyword", "nothing-like-this"))));
        status.ShouldBe(200);
        body.GetProperty("listvolumesresponse").GetRawText().ShouldBe("{}");
    }

    [Fact]
    public async Task WithoutResponseJson_TheAnswerIsXml()
    {
        using var response = await _http.GetAsync(new Uri(Signed([KeyValuePair.Create("command", "listZones")])));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/xml");
    }

    [Fact]
    public async Task TheProcess_PrintsAReadyLine_AndServesSignedCalls()
    {
        var dll = typeof(CloudStackFake).Assembly.Location;
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", [dll, "--port", "0", "--api-key", "proc-key-000001", "--secret-key", "proc-secret-000001"])
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            line.ShouldNotBeNull().ShouldStartWith("ready url=http://127.0.0.1:");
            var url = new Uri(line["ready url=".Length..]);
            using var client = Clients.For(CloudStackSettings.WithKeys(url, "proc-key-000001", "proc-secret-000001"));
            (await client.ReadAsync("listZones", Clients.None(), CancellationToken.None)).GetProperty("count").GetInt32().ShouldBe(2);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }
}
