using System.Buffers;
using System.Net.ServerSentEvents;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Bastion.Core.Policy;
using Bastion.Http.Auth;
using Bastion.Mcp.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Http.Transport;

/// <summary>
/// The Streamable HTTP endpoint (<c>/mcp</c>) on the SDK's <see cref="StreamableHttpServerTransport"/>: POST carries
/// client messages (answered as an SSE stream, or 202 for notifications and responses), GET opens the session's
/// server-to-client stream, DELETE ends the session. Stateful by default, each session owned by the principal that
/// initialized it; stateless mode serves every POST with a server of its own. Stateful sessions keep their
/// events for a while (<see cref="ISseEventStreamStore"/>), so a client can resume one with GET and <c>Last-Event-ID</c>.
/// </summary>
internal sealed partial class McpEndpoint(
    HttpServerOptions options,
    IMcpServerFactory servers,
    SessionStore sessions,
    InFlightLimiter inFlight,
    ISseEventStreamStore events,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const string VersionHeader = "MCP-Protocol-Version";
    private const string LastEventIdHeader = "Last-Event-ID";
    private static readonly JsonTypeInfo<JsonRpcMessage> MessageType = (JsonTypeInfo<JsonRpcMessage>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(JsonRpcMessage));
    private readonly ILogger _logger = loggers.CreateLogger<McpEndpoint>();

    public async Task PostAsync(HttpContext context)
    {
        var accept = context.Request.GetTypedHeaders().Accept;
        if (!accept.Any(a => a.MatchesMediaType("application/json")) || !accept.Any(a => a.MatchesMediaType("text/event-stream")))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept both application/json and text/event-stream.");
            return;
        }

        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType) || !contentType.MatchesMediaType("application/json"))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: the body must be application/json.");
            return;
        }

        JsonRpcMessage? message;
        try
        {
            message = await JsonSerializer.DeserializeAsync(context.Request.Body, MessageType, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or FormatException or System.Text.DecoderFallbackException)
        {
            // Whatever the message's shape, a body the converters cannot read is the client's fault: 400, never 500.
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Parse error: the body is not one JSON-RPC message (batches are not accepted; an id must be a string or an integer within 64-bit range).", (int)McpErrorCode.ParseError);
            return;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: the body may be at most {options.MaxRequestBodyBytes} bytes.");
            return;
        }

        if (message is null)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Invalid Request: the body is not a JSON-RPC message.", (int)McpErrorCode.InvalidRequest);
            return;
        }

        var id = message is JsonRpcRequest request ? request.Id : default;
        if (ProtocolVersions.Problem(context.Request.Headers[VersionHeader]) is { } versionProblem)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, versionProblem, (int)McpErrorCode.InvalidRequest, id, Supported());
            return;
        }

        var principal = RequestPrincipal.Get(context);
        if (principal is not null)
        {
            Caller.Set(message, principal);
        }

        var (lease, busy) = inFlight.TryEnter(principal);
        if (busy is not null)
        {
            context.Response.Headers.RetryAfter = "1";
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, busy.Message, JsonRpcErrors.RateLimited, id, busy.Data());
            return;
        }

        using var held = lease;

        if (options.Stateless)
        {
            await ServeStatelessAsync(context, message, principal, id);
            return;
        }

        var sessionId = context.Request.Headers[SessionHeader].ToString();
        HttpSession? session;
        if (sessionId.Length == 0)
        {
            if (message is not JsonRpcRequest { Method: RequestMethods.Initialize })
            {
                await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: send Mcp-Session-Id, or start a session with an initialize request.", id: id);
                return;
            }

            session = await StartSessionAsync(context, principal, id);
        }
        else
        {
            session = await FindSessionAsync(context, sessionId, principal, id);
        }

        if (session is null)
        {
            return;
        }

        using var use = session.Use();
        context.Response.Headers[SessionHeader] = session.Id;
        await RespondAsync(context, session.Transport, message);
    }

    public async Task GetAsync(HttpContext context)
    {
        if (options.Stateless)
        {
            context.Response.Headers.Allow = "POST";
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed: this server is stateless and offers no server-to-client stream; use POST.");
            return;
        }

        if (!context.Request.GetTypedHeaders().Accept.Any(a => a.MatchesMediaType("text/event-stream")))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status406NotAcceptable, "Not Acceptable: the client must accept text/event-stream.");
            return;
        }

        if (ProtocolVersions.Problem(context.Request.Headers[VersionHeader]) is { } versionProblem)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, versionProblem, (int)McpErrorCode.InvalidRequest, data: Supported());
            return;
        }

        if (await FindSessionAsync(context, context.Request.Headers[SessionHeader].ToString(), RequestPrincipal.Get(context), default) is not { } session)
        {
            return;
        }

        if (context.Request.Headers[LastEventIdHeader].ToString() is { Length: > 0 } lastEventId)
        {
            await ResumeAsync(context, session, lastEventId);
            return;
        }

        if (!session.TryOpenGetStream())
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status409Conflict, "Conflict: this session's server-to-client stream is open already; one GET stream per session.");
            return;
        }

        try
        {
            using var use = session.Use();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, session.Closed);
            context.Response.Headers[SessionHeader] = session.Id;
            StartEventStream(context);
            await context.Response.Body.FlushAsync(stop.Token);
            await session.Transport.HandleGetRequestAsync(context.Response.Body, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // the client went away, the session ended, or the server is stopping: the stream just ends
        }
        finally
        {
            session.CloseGetStream();
        }
    }

    public async Task DeleteAsync(HttpContext context)
    {
        if (options.Stateless)
        {
            context.Response.Headers.Allow = "POST";
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status405MethodNotAllowed, "Method Not Allowed: this server is stateless and has no sessions to end.");
            return;
        }

        if (await FindSessionAsync(context, context.Request.Headers[SessionHeader].ToString(), RequestPrincipal.Get(context), default) is not { } session)
        {
            return;
        }

        await sessions.RemoveAsync(session.Id);
        LogSessionEnded(_logger, session.Id, "deleted by the client");
        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    /// <summary>
    /// Replays a stream of the session from just after <paramref name="lastEventId"/> (a client reconnecting after a
    /// dropped connection, or polling a stream the server closed early), then follows it while it is open. When nothing
    /// new is there yet, the request is held (long poll, up to <see cref="ResumeWait"/>) until something is.
    /// </summary>
    private async Task ResumeAsync(HttpContext context, HttpSession session, string lastEventId)
    {
        var reader = await events.GetStreamReaderAsync(lastEventId, context.RequestAborted);
        if (reader is null || !string.Equals(reader.SessionId, session.Id, StringComparison.Ordinal))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: Last-Event-ID names no stream of this session that is still kept; send a new request instead.");
            return;
        }

        using var use = session.Use();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping, session.Closed);
        context.Response.Headers[SessionHeader] = session.Id;
        StartEventStream(context);
        await context.Response.Body.FlushAsync(stop.Token);
        var started = clock.GetTimestamp();
        try
        {
            var written = 0;
            async IAsyncEnumerable<SseItem<JsonRpcMessage?>> Counted(IAsyncEnumerable<SseItem<JsonRpcMessage?>> items)
            {
                await foreach (var item in items)
                {
                    lastEventId = item.EventId ?? lastEventId;
                    written++;
                    yield return item;
                }
            }

            while (true)
            {
                await SseFormatter.WriteAsync(Counted(reader.ReadEventsAsync(stop.Token)), context.Response.Body, WriteMessage, stop.Token);
                if (written > 0 || clock.GetElapsedTime(started) > ResumeWait)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), clock, stop.Token);
                reader = await events.GetStreamReaderAsync(lastEventId, stop.Token) ?? reader;
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away or the session ended
        }
    }

    /// <summary>How long a resumed stream with nothing new waits for an event before it ends (30 s).</summary>
    private static readonly TimeSpan ResumeWait = TimeSpan.FromSeconds(30);

    private static void WriteMessage(SseItem<JsonRpcMessage?> item, IBufferWriter<byte> buffer)
    {
        using var writer = new Utf8JsonWriter(buffer);
        JsonSerializer.Serialize(writer, item.Data!, MessageType);
    }

    private async Task<HttpSession?> StartSessionAsync(HttpContext context, Principal? principal, RequestId id)
    {
        var sessionId = NewSessionId();
        var setup = servers.For(principal);
        var transport = new StreamableHttpServerTransport(loggers) { SessionId = sessionId, EventStreamStore = events };
        var server = McpServer.Create(transport, setup.Options, loggers, setup.Services);
        var session = new HttpSession(sessionId, principal, transport, server, clock);
        if (sessions.TryAdd(session) is { } refusal)
        {
            await session.DisposeAsync();
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, refusal.Message, JsonRpcErrors.RateLimited, id, refusal.Data());
            return null;
        }

        session.RunTask = server.RunAsync(session.Closed);
        LogSessionStarted(_logger, sessionId, principal?.Name ?? "local", principal?.Tenant ?? "-");
        return session;
    }

    private async Task<HttpSession?> FindSessionAsync(HttpContext context, string sessionId, Principal? principal, RequestId id)
    {
        if (sessionId.Length == 0)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: the Mcp-Session-Id header is required.", id: id);
            return null;
        }

        if (!sessions.TryGet(sessionId, out var session))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status404NotFound, "Session not found: it ended or never existed; start a new one with initialize.", JsonRpcErrors.SessionNotFound, id);
            return null;
        }

        if (!session.BelongsTo(principal))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status403Forbidden, "Forbidden: this session belongs to another principal.", id: id);
            return null;
        }

        return session;
    }

    private async Task ServeStatelessAsync(HttpContext context, JsonRpcMessage message, Principal? principal, RequestId id)
    {
        if (context.Request.Headers.ContainsKey(SessionHeader))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: this server is stateless; do not send Mcp-Session-Id.", id: id);
            return;
        }

        var setup = servers.For(principal);
        await using var transport = new StreamableHttpServerTransport(loggers) { Stateless = true };
        await using var server = McpServer.Create(transport, setup.Options, loggers, setup.Services);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var run = server.RunAsync(stop.Token);
        try
        {
            await RespondAsync(context, transport, message);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await run;
            }
            catch (OperationCanceledException)
            {
                // the request's server ends with it
            }
        }
    }

    private static async Task RespondAsync(HttpContext context, StreamableHttpServerTransport transport, JsonRpcMessage message)
    {
        StartEventStream(context);
        if (!await transport.HandlePostRequestAsync(message, context.Response.Body, context.RequestAborted))
        {
            context.Response.Headers.ContentType = default;
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        }
    }

    private static void StartEventStream(HttpContext context)
    {
        context.Response.Headers.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache,no-store";
        context.Response.Headers.ContentEncoding = "identity";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        context.Features.GetRequiredFeature<IHttpResponseBodyFeature>().DisableBuffering();
    }

    private static JsonObject Supported() => new() { ["supported"] = new JsonArray([.. ProtocolVersions.Supported.Select(v => JsonValue.Create(v))]) };

    private static string NewSessionId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {SessionId} started for {Principal} (tenant {Tenant})")]
    private static partial void LogSessionStarted(ILogger logger, string sessionId, string principal, string tenant);

    [LoggerMessage(Level = LogLevel.Information, Message = "MCP session {SessionId} ended: {Reason}")]
    internal static partial void LogSessionEnded(ILogger logger, string sessionId, string reason);
}
