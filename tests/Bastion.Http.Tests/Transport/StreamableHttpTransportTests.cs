using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Bastion.Http.Tests.Transport;

/// <summary>The Streamable HTTP transport as the specification describes it, spoken in raw HTTP to real Kestrel.</summary>
public sealed class StreamableHttpTransportTests : IAsyncLifetime
{
    private HttpTestServer _server = null!;

    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PostInitialize_StartsSession_WithIdAndEventStream()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize());

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        var session = response.Headers.GetValues("Mcp-Session-Id").Single();
        session.Length.ShouldBeGreaterThanOrEqualTo(22); // 128 random bits, base64url (the SDK's ids)
        session.ShouldAllBe(c => c < 0x7f && c > 0x20);
        var message = await HttpTestServer.ReadMessageAsync(response);
        message.GetProperty("id").GetInt32().ShouldBe(1);
        message.GetProperty("result").GetProperty("protocolVersion").GetString().ShouldBe("2025-11-25");
        message.GetProperty("result").GetProperty("serverInfo").GetProperty("name").GetString().ShouldBe("bastion");
    }

    [Theory]
    [InlineData("2025-06-18")]
    [InlineData("2025-11-25")]
    public async Task PostInitialize_AgreesOnVersion_TheClientAsksFor(string version)
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(version: version));

        var message = await HttpTestServer.ReadMessageAsync(response);
        message.GetProperty("result").GetProperty("protocolVersion").GetString().ShouldBe(version);
    }

    [Fact]
    public async Task PostRequest_IsAnswered_InItsSession()
    {
        var session = await _server.OpenSessionAsync();

        var status = await _server.CallAsync(session, "hosts_list");

        status.GetProperty("hosts").EnumerateArray().Select(h => h.GetProperty("name").GetString()).ShouldContain("local");
    }

    [Fact]
    public async Task PostNotification_IsAccepted_WithNoBody()
    {
        var session = await _server.OpenSessionAsync();

        using var response = await _server.PostAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":99}}""", session);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        (await response.Content.ReadAsStringAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task PostRequest_IsNotAcceptable_WithoutEventStreamInAccept()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), tweak: r =>
        {
            r.Headers.Accept.Clear();
            r.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        });

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("message").GetString()!.ShouldContain("text/event-stream");
    }

    [Fact]
    public async Task PostRequest_IsUnsupportedMediaType_WithoutJsonBody()
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), tweak: r => r.Content = new StringContent(HttpTestServer.Initialize(), Encoding.UTF8, "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task PostRequest_IsBadRequest_WithMalformedJson()
    {
        using var response = await _server.PostAsync("{\"jsonrpc\":\"2.0\",");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("code").GetInt32().ShouldBeOneOf(-32700, -32600); // the SDK answers Invalid Request
    }

    [Fact]
    public async Task PostRequest_IsBadRequest_WithBatch()
    {
        using var response = await _server.PostAsync($"[{HttpTestServer.Initialize()}]");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task PostRequest_IsBadRequest_WithUnsupportedProtocolVersion()
    {
        var session = await _server.OpenSessionAsync();

        using var response = await _server.PostAsync(HttpTestServer.Call("hosts_list"), session, tweak: r =>
        {
            r.Headers.Remove("MCP-Protocol-Version");
            r.Headers.Add("MCP-Protocol-Version", "2099-01-01");
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var error = (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error");
        error.GetProperty("message").GetString()!.ShouldContain("2099-01-01");
    }

    [Fact]
    public async Task PostRequest_IsBadRequest_WithoutSessionId_UnlessInitialize()
    {
        using var response = await _server.PostAsync(HttpTestServer.Call("hosts_list"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("id").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task PostRequest_IsNotFound_WithUnrecognizedSessionId()
    {
        using var response = await _server.PostAsync(HttpTestServer.Call("hosts_list"), "no-such-session");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("code").GetInt32().ShouldBe(-32001);
    }

    [Fact]
    public async Task GetRequest_OpensServerStream_OncePerSession()
    {
        var session = await _server.OpenSessionAsync();

        using var first = await _server.SendAsync(EventStreamRequest(), session);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        using var second = await _server.SendAsync(EventStreamRequest(), session);
        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest); // the SDK refuses a second GET stream with 400
    }

    [Fact]
    public async Task GetRequest_IsNotAcceptable_WithoutEventStreamInAccept()
    {
        var session = await _server.OpenSessionAsync();

        using var response = await _server.SendAsync(new HttpRequestMessage(HttpMethod.Get, _server.Endpoint), session);

        response.StatusCode.ShouldBe(HttpStatusCode.NotAcceptable);
    }

    [Fact]
    public async Task GetRequest_IsNotFound_WithUnrecognizedSessionId()
    {
        using var response = await _server.SendAsync(EventStreamRequest(), "no-such-session");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task GetRequest_ReplaysStream_AfterLastEventId()
    {
        var session = await _server.OpenSessionAsync();
        using var call = await _server.PostAsync(HttpTestServer.Call("access_status", id: 7), session);
        var answered = await call.Content.ReadAsStringAsync();
        var ids = answered.Split('\n').Where(l => l.StartsWith("id:", StringComparison.Ordinal)).Select(l => l[3..].Trim()).ToList();
        ids.Count.ShouldBeGreaterThanOrEqualTo(2, "a priming event and the response, each with an id");

        var resume = EventStreamRequest();
        resume.Headers.Add("Last-Event-ID", ids[0]);
        using var replay = await _server.SendAsync(resume, session);

        replay.StatusCode.ShouldBe(HttpStatusCode.OK);
        var message = await HttpTestServer.ReadMessageAsync(replay);
        message.GetProperty("id").GetInt32().ShouldBe(7);
        message.GetProperty("result").GetProperty("structuredContent").GetProperty("principal").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task GetRequest_IsBadRequest_WithUnknownLastEventId()
    {
        var session = await _server.OpenSessionAsync();
        var resume = EventStreamRequest();
        resume.Headers.Add("Last-Event-ID", "bm8=:bm8=:1");

        using var response = await _server.SendAsync(resume, session);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeleteRequest_EndsSession_SoLaterRequestsAreNotFound()
    {
        var session = await _server.OpenSessionAsync();

        using var deleted = await _server.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _server.Endpoint), session);
        using var after = await _server.PostAsync(HttpTestServer.Call("hosts_list"), session);

        deleted.StatusCode.ShouldBe(HttpStatusCode.OK);
        after.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteRequest_IsBadRequest_WithoutSessionId()
    {
        using var response = await _server.SendAsync(new HttpRequestMessage(HttpMethod.Delete, _server.Endpoint));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("evil.example.com", null)]
    [InlineData("127.0.0.1", "http://evil.example.com")]
    [InlineData("attacker.test:80", "http://attacker.test")]
    public async Task Request_IsForbidden_WithForeignHostOrOrigin(string host, string? origin)
    {
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), tweak: r =>
        {
            r.Headers.Host = host;
            if (origin is not null)
            {
                r.Headers.Add("Origin", origin);
            }
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await HttpTestServer.ReadMessageAsync(response)).GetProperty("error").GetProperty("message").GetString()!.ShouldContain("DNS rebinding");
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Request_IsServed_WithLoopbackHostAndOrigin(string name)
    {
        var port = _server.Endpoint.Port;
        using var response = await _server.PostAsync(HttpTestServer.Initialize(), tweak: r =>
        {
            r.Headers.Host = $"{name}:{port}";
            r.Headers.Add("Origin", $"http://{name}:{port}");
        });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostRequest_IsTooLarge_OverBodyLimit()
    {
        await using var server = await HttpTestServer.StartAsync(o => o with { MaxRequestBodyBytes = 2048 });
        var session = await server.OpenSessionAsync();

        using var response = await server.PostAsync(HttpTestServer.Call("files_read", $$"""{"path":"/{{new string('a', 4096)}}"}"""), session);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    private HttpRequestMessage EventStreamRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, _server.Endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        return request;
    }
}
