using System.Net;
using System.Text;
using System.Text.Json;

namespace Bastion.Http.Tests.Transport;

/// <summary>Malformed input over HTTP always gets a 4xx with a JSON-RPC error: ids beyond 64 bits, and a bounded concurrent fuzz of one session.</summary>
public sealed class WireEdgeCaseTests : IAsyncLifetime
{
    private HttpTestServer _server = null!;

    // No request budget here: the fuzz is about what the transport answers, not about rate limits.
    public async Task InitializeAsync() => _server = await HttpTestServer.StartAsync(o => o with { RateLimit = new() { PerPrincipal = null, PerTenant = null } });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Theory]
    [InlineData("18446744073709551616")]
    [InlineData("1e400")]
    [InlineData("-9223372036854775809")]
    [InlineData("1.5")]
    [InlineData("{}")]
    public async Task RequestIdOutsideTheAcceptedRange_IsAnswered400_WithIdNull(string id)
    {
        var session = await _server.OpenSessionAsync();

        using var response = await _server.PostAsync("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"ping\"}", session);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        body.GetProperty("id").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("error").GetProperty("code").GetInt32().ShouldBeOneOf(-32600, -32700);
    }

    [Fact]
    public async Task ConcurrentFuzzOfOneSession_NeverGets5xx()
    {
        var session = await _server.OpenSessionAsync();
        string[] valid =
        [
            """{"jsonrpc":"2.0","id":11,"method":"ping"}""",
            """{"jsonrpc":"2.0","id":"s-12","method":"tools/list","params":{}}""",
            """{"jsonrpc":"2.0","id":13,"method":"tools/call","params":{"name":"hosts_list","arguments":{"limit":5}}}""",
            """{"jsonrpc":"2.0","id":14,"method":"resources/list"}""",
            """{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":11}}""",
            """{"jsonrpc":"2.0","id":15,"result":{}}""",
            """{"jsonrpc":"2.0","id":16,"method":"tools/call","params":{"name":"access_status","arguments":{},"_meta":{"progressToken":"p"}}}""",
        ];
        string[] splices = ["", "null", "[]", "{}", "\"", "\\u0000", "1e400", "-1", "18446744073709551616", "true", "\"x\"", "{\"a\":", "]", "\uD800", "9223372036854775808"];
        var random = new Random(1309);
        var bodies = Enumerable.Range(0, 400).Select(_ =>
        {
            var text = valid[random.Next(valid.Length)];
            var mutated = random.Next(6) switch
            {
                0 => text[..random.Next(text.Length)],
                1 => text.Remove(random.Next(text.Length), 1),
                2 => text.Insert(random.Next(text.Length), splices[random.Next(splices.Length)]),
                3 => new string('[', 2000) + text,
                _ => ReplaceValue(text, splices[random.Next(splices.Length)], random),
            };
            var bytes = Encoding.UTF8.GetBytes(mutated);
            if (random.Next(5) == 0 && bytes.Length > 0)
            {
                // A byte that breaks UTF-8.
                bytes[random.Next(bytes.Length)] = (byte)random.Next(0x80, 0x100);
            }

            return bytes;
        }).ToList();

        using var gate = new SemaphoreSlim(16);
        var statuses = await Task.WhenAll(bodies.Select(async body =>
        {
            await gate.WaitAsync();
            try
            {
                using var response = await _server.PostAsync(string.Empty, session, tweak: r => r.Content = new ByteArrayContent(body) { Headers = { ContentType = new("application/json") } });
                await response.Content.ReadAsStringAsync();
                return ((int)response.StatusCode, body: Encoding.UTF8.GetString(body));
            }
            finally
            {
                gate.Release();
            }
        }));

        statuses.Where(s => s.Item1 >= 500).Select(s => $"{s.Item1}: {s.body}").ShouldBeEmpty();

        // The session still works afterwards.
        using var after = await _server.PostAsync("""{"jsonrpc":"2.0","id":77,"method":"ping"}""", session);
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string ReplaceValue(string text, string value, Random random)
    {
        var colons = Enumerable.Range(0, text.Length).Where(i => text[i] == ':').ToList();
        if (colons.Count == 0)
        {
            return text;
        }

        var at = colons[random.Next(colons.Count)] + 1;
        var end = text.IndexOfAny([',', '}'], at);
        return new StringBuilder(text).Remove(at, (end < 0 ? text.Length : end) - at).Insert(at, value).ToString();
    }
}
