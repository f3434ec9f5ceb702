using System.Globalization;
using System.Text.Json.Nodes;
using Bastion.Core;
using Bastion.Core.Telemetry;
using Bastion.Http.Auth;
using Bastion.Http.RateLimiting;
using Bastion.Http.Tenancy;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Bastion.Http.Transport;

/// <summary>
/// The endpoint filter in front of the SDK's MCP endpoints (<c>/mcp</c>, and the legacy <c>/mcp/sse</c> and
/// <c>/mcp/message</c>), answering before any stream opens, in this order: the authentication challenge (401), the
/// request budget (429 + <c>Retry-After</c>), the platform-credential headers (moved into the tenant's vault; 400 when a platform's set is incomplete), the body's
/// media type and size (415, 413), the in-flight caps (429) and the session caps (429). Every refusal is a JSON-RPC error
/// body.
/// </summary>
internal sealed class McpAdmission(
    HttpServerOptions options,
    RequestRateLimiter rateLimiter,
    InFlightLimiter inFlight,
    SessionSlots sessions,
    IOptionsMonitor<BastionAuthenticationOptions> authentication) : IEndpointFilter
{
    private const string SessionHeader = "Mcp-Session-Id";
    private const string VersionHeader = "MCP-Protocol-Version";

    /// <summary>The revisions served per request, without sessions or <c>initialize</c> (the SDK's list, 2.4.0).</summary>
    private static readonly string[] PerRequestRevisions = ["2026-07-28"];

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        var context = invocation.HttpContext;
        if (BastionAuthenticationHandler.MustChallenge(context, authentication.Get(BastionAuthenticationHandler.SchemeName)))
        {
            await context.ChallengeAsync(BastionAuthenticationHandler.SchemeName);
            return Results.Empty;
        }

        var principal = RequestPrincipal.Get(context);
        RateLimitRefusal? refusal;
        try
        {
            refusal = await rateLimiter.TryAcquireAsync(principal, context.RequestAborted);
        }
        catch (BastionException e)
        {
            // Shared buckets out of reach: refuse rather than let the request through unmetered.
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, $"The request budget cannot be checked: {e.Message}");
            return Results.Empty;
        }

        if (refusal is not null)
        {
            BastionTelemetry.RecordRateLimitRejection(refusal.Scope);
            context.Response.Headers.RetryAfter = refusal.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, refusal.Message, JsonRpcErrors.RateLimited,
                data: new JsonObject { ["retry_after_seconds"] = refusal.RetryAfterSeconds, ["scope"] = refusal.Scope });
            return Results.Empty;
        }

        if (context.RequestServices.GetService<TenantServers>() is { } tenants)
        {
            try
            {
                await tenants.StoreCredentialHeadersAsync(context.Request, principal, context.RequestAborted);
            }
            catch (Core.BastionException e)
            {
                await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, $"Bad Request: {e.Message}");
                return Results.Empty;
            }
        }

        var delete = HttpMethods.IsDelete(context.Request.Method) && !PerRequestRevisions.Contains(context.Request.Headers[VersionHeader].ToString(), StringComparer.Ordinal);
        if (delete && string.IsNullOrEmpty(context.Request.Headers[SessionHeader]))
        {
            // The SDK answers such a DELETE 200 and does nothing; a client that forgot the header should hear it.
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status400BadRequest, "Bad Request: DELETE ends a session: send its Mcp-Session-Id header.");
            return Results.Empty;
        }

        if (delete && !sessions.IsRunning(context.Request.Headers[SessionHeader].ToString()))
        {
            // Likewise for a session that ended or never was: 404, as for any other request naming it.
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status404NotFound, "Session not found: it ended or never existed; start a new one with initialize.", JsonRpcErrors.SessionNotFound);
            return Results.Empty;
        }

        var post = HttpMethods.IsPost(context.Request.Method);
        if (post && await BodyProblemAsync(context))
        {
            return Results.Empty;
        }

        IDisposable? lease = null;
        if (post)
        {
            (lease, var busy) = inFlight.TryEnter(principal);
            if (busy is not null)
            {
                context.Response.Headers.RetryAfter = "1";
                await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, busy.Message, JsonRpcErrors.RateLimited, data: busy.Data());
                return Results.Empty;
            }
        }

        SessionSlot? slot = null;
        try
        {
            if (MayOpenSession(context))
            {
                if (sessions.TryTake(principal) is { } full)
                {
                    await JsonRpcErrors.WriteAsync(context, StatusCodes.Status429TooManyRequests, full.Message, JsonRpcErrors.RateLimited, data: full.Data());
                    return Results.Empty;
                }

                slot = new SessionSlot(sessions, principal);
                context.Items[SessionSlot.ItemKey] = slot;
            }

            return await next(invocation);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge && !context.Response.HasStarted)
        {
            await TooLargeAsync(context);
            return Results.Empty;
        }
        finally
        {
            slot?.ReleaseUnclaimed();
            lease?.Dispose();
        }
    }

    /// <summary>
    /// Runs the server of a session the SDK opened, holding the session slot the request took until the server stops;
    /// the <c>RunSessionHandler</c> of the endpoint.
    /// </summary>
    public static async Task RunSessionAsync(HttpContext context, ModelContextProtocol.Server.McpServer server, CancellationToken cancellationToken)
    {
        var id = server.SessionId;
        var slot = !string.IsNullOrEmpty(id) && context.Items.TryGetValue(SessionSlot.ItemKey, out var item) && item is SessionSlot taken && taken.Claim()
            ? taken
            : null;
        var sessions = string.IsNullOrEmpty(id) ? null : context.RequestServices.GetRequiredService<SessionSlots>();
        sessions?.Running(id!);
        try
        {
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            sessions?.Stopped(id!);
            slot?.SessionEnded();
        }
    }

    /// <summary>
    /// True for a request the SDK may open a session for: a POST without <c>Mcp-Session-Id</c> on a revision with
    /// sessions (2026-07-28 requests never get one), or a legacy <c>GET …/sse</c>; never in stateless mode.
    /// </summary>
    private bool MayOpenSession(HttpContext context)
    {
        if (options.Stateless)
        {
            return false;
        }

        var request = context.Request;
        if (HttpMethods.IsGet(request.Method))
        {
            return request.Path.Value?.EndsWith("/sse", StringComparison.Ordinal) == true;
        }

        return HttpMethods.IsPost(request.Method)
            && !request.Path.Value!.EndsWith("/message", StringComparison.Ordinal)
            && string.IsNullOrEmpty(request.Headers[SessionHeader])
            && !PerRequestRevisions.Contains(request.Headers[VersionHeader].ToString(), StringComparer.Ordinal);
    }

    /// <summary>Answers 415 for a body that is not JSON and 413 for one declared larger than the limit; false when neither.</summary>
    private async Task<bool> BodyProblemAsync(HttpContext context)
    {
        if (!MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var contentType) || !contentType.MatchesMediaType("application/json"))
        {
            await JsonRpcErrors.WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, "Unsupported Media Type: the body must be application/json.");
            return true;
        }

        if (context.Request.ContentLength > options.MaxRequestBodyBytes)
        {
            await TooLargeAsync(context);
            return true;
        }

        return false;
    }

    private Task TooLargeAsync(HttpContext context) =>
        JsonRpcErrors.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"Payload Too Large: the body may be at most {options.MaxRequestBodyBytes} bytes.");
}
