using System.Net;
using Bastion.Http.Transport;
using Microsoft.Extensions.DependencyInjection;
using System.Net.Http.Headers;

namespace Bastion.Http.Tests.Transport;

/// <summary>Stateless mode, and the pruning of idle sessions.</summary>
public sealed class StatelessAndIdleTests
{
    [Fact]
    public async Task PostRequest_IsServed_WithoutSession_WhenStateless()
    {
        await using var server = await HttpTestServer.StartAsync(o => o with { Stateless = true });

        using var initialize = await server.PostAsync(HttpTestServer.Initialize());
        using var call = await server.PostAsync(HttpTestServer.Call("hosts_list"), tweak: r => r.Headers.Add("MCP-Protocol-Version", "2025-11-25"));

        initialize.StatusCode.ShouldBe(HttpStatusCode.OK);
        initialize.Headers.Contains("Mcp-Session-Id").ShouldBeFalse();
        var result = (await HttpTestServer.ReadMessageAsync(call)).GetProperty("result");
        result.GetProperty("structuredContent").GetProperty("hosts")[0].GetProperty("name").GetString().ShouldBe("local");
    }

    [Fact]
    public async Task GetRequest_IsMethodNotAllowed_WhenStateless()
    {
        await using var server = await HttpTestServer.StartAsync(o => o with { Stateless = true });
        var request = new HttpRequestMessage(HttpMethod.Get, server.Endpoint);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));

        using var response = await server.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
    }

    [Fact]
    public async Task PostRequest_IsBadRequest_WithSessionId_WhenStateless()
    {
        await using var server = await HttpTestServer.StartAsync(o => o with { Stateless = true });

        using var response = await server.PostAsync(HttpTestServer.Call("hosts_list"), "some-session");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task IdleSession_IsEnded_AfterTimeout()
    {
        // 2 s of idleness ends a session. Opening it takes two requests, which a loaded
        // machine may space out, so the timeout is not shorter.
        await using var server = await HttpTestServer.StartAsync(o => o with { SessionIdleTimeout = TimeSpan.FromSeconds(2) });
        var session = await server.OpenSessionAsync();

        // The SDK looks for idle sessions every 5 s: probe (without touching the session) until it is gone, 30 s at most.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (server.Services.GetRequiredService<SessionSlots>().Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        using var probe = await server.PostAsync("""{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":1}}""", session);

        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BusySession_IsKept_PastTimeout()
    {
        await using var server = await HttpTestServer.StartAsync(o => o with { SessionIdleTimeout = TimeSpan.FromSeconds(2) });
        var session = await server.OpenSessionAsync();

        for (var i = 0; i < 10; i++)
        {
            await Task.Delay(400);
            using var response = await server.PostAsync(HttpTestServer.Call("access_status", id: 10 + i), session);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}
