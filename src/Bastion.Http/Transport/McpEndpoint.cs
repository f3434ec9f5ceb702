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
/// initialized it; stateless mode serves every POST with a server of its own.
/// </summary>
internal sealed partial class McpEndpoint(
    HttpServerOptions options,
    IMcpServerFactory servers,
    SessionStore sessions,
    IHostApplicationLifetime lifetime,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const string VersionHeader = "MCP-Protocol-Version";
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
        catch (JsonException)
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Parse error: the body is not one JSON-RPC message (batches are not accepted).", (int)McpErrorCode.ParseError);
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

    private async Task<HttpSession?> StartSessionAsync(HttpContext context, Principal? principal, RequestId id)
    {
        var sessionId = NewSessionId();
        var setup = servers.For(principal);
        var transport = new StreamableHttpServerTransport(loggers) { SessionId = sessionId };
        var server = McpServer.Create(transport, setup.Options, loggers, setup.Services);
        var session = new HttpSession(sessionId, principal, transport, server, clock);
        if (!sessions.TryAdd(session))
        {
            await session.DisposeAsync();
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"Service Unavailable: the server holds its maximum of {options.MaxSessions} sessions; end one (DELETE) or retry later.", id: id);
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
