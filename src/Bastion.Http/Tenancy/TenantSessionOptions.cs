using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Bastion.Core.Secrets.Vault;
using Bastion.Http.Auth;
using Bastion.Http.Transport;
using Bastion.Mcp.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Http.Tenancy;

/// <summary>
/// Gives each server the SDK creates on the endpoint (once per session for <c>initialize</c> clients, once per request
/// for 2026-07-28 clients) its caller's tenant: that tenant's identity, instructions, tools, resources, prompts and
/// pipeline (<see cref="IMcpServerFactory"/>), and binds every request to the tenant's own container: the request's
/// services become a scope of the tenant's container, so a tool instance, or anything a tool or step resolves, comes
/// from that tenant and never from the application or another tenant. The caller's principal is put on every incoming
/// message (<see cref="Caller"/>).
/// </summary>
internal static class TenantSessionOptions
{
    private static readonly ConditionalWeakTable<McpServerOptions, object> Bound = [];

    /// <summary>
    /// Every revision this endpoint serves: 2026-07-28 per request, the others through <c>initialize</c> (the SDK's list,
    /// 2.4.0, the one its HTTP layer names when it refuses an unknown revision).
    /// </summary>
    private static readonly string[] EndpointRevisions = ["2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25", "2026-07-28"];

    /// <summary>Configures <paramref name="options"/> (fresh from the SDK) for the caller of <paramref name="context"/>.</summary>
    public static Task ConfigureAsync(HttpContext context, McpServerOptions options, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var setup = context.RequestServices.GetRequiredService<IMcpServerFactory>().For(RequestPrincipal.Get(context));
        var tenant = setup.Options;
        lock (Bound)
        {
            if (!Bound.TryGetValue(tenant, out _))
            {
                Bind(tenant, setup.Services);
                Bound.Add(tenant, setup);
            }
        }

        options.ServerInfo = tenant.ServerInfo;
        options.ServerInstructions = tenant.ServerInstructions;
        options.Capabilities = tenant.Capabilities;
        options.ToolCollection = tenant.ToolCollection;
        options.ResourceCollection = tenant.ResourceCollection;
        options.PromptCollection = tenant.PromptCollection;
        options.Handlers = tenant.Handlers;
        options.Filters = tenant.Filters;

        // The bound filters give every request a scope of the tenant's container; the SDK's own scope (of the
        // application's container) would only be thrown away.
        options.ScopeRequests = false;
        return Task.CompletedTask;
    }

    /// <summary>Adds, once per tenant, the outermost filters that bind requests to <paramref name="services"/>.</summary>
    private static void Bind(McpServerOptions tenant, IServiceProvider services)
    {
        tenant.Filters.Message.IncomingFilters.Insert(0, next => (message, cancellationToken) =>
        {
            if (RequestPrincipal.Of(message.User) is { } principal)
            {
                Caller.Set(message.JsonRpcMessage, principal);
            }

            return next(message, cancellationToken);
        });

        // server/discover names only the per-request revisions; on this hybrid endpoint the initialize ones are served
        // too, and the HTTP layer lists them all when it refuses an unknown revision: discover says the same.
        tenant.Filters.Message.OutgoingFilters.Insert(0, next => (message, cancellationToken) =>
        {
            if (message.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result } && result["supportedVersions"] is JsonArray versions && result.ContainsKey("capabilities"))
            {
                var known = versions.Select(v => v?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
                foreach (var revision in EndpointRevisions.Where(r => !known.Contains(r)))
                {
                    versions.Add((JsonNode)revision);
                }
            }

            return next(message, cancellationToken);
        });

        var snapshots = services.GetServices<IVaultSnapshot>().ToArray();
        var requests = tenant.Filters.Request;
        requests.ListToolsFilters.Insert(0, Scoped<ListToolsRequestParams, ListToolsResult>(services, snapshots));
        requests.CallToolFilters.Insert(0, Scoped<CallToolRequestParams, CallToolResult>(services, snapshots));
        requests.ListPromptsFilters.Insert(0, Scoped<ListPromptsRequestParams, ListPromptsResult>(services, snapshots));
        requests.GetPromptFilters.Insert(0, Scoped<GetPromptRequestParams, GetPromptResult>(services, snapshots));
        requests.ListResourcesFilters.Insert(0, Scoped<ListResourcesRequestParams, ListResourcesResult>(services, snapshots));
        requests.ListResourceTemplatesFilters.Insert(0, Scoped<ListResourceTemplatesRequestParams, ListResourceTemplatesResult>(services, snapshots));
        requests.ReadResourceFilters.Insert(0, Scoped<ReadResourceRequestParams, ReadResourceResult>(services, snapshots));
        requests.CompleteFilters.Insert(0, Scoped<CompleteRequestParams, CompleteResult>(services, snapshots));
#pragma warning disable MCPEXP002 // alternate-result (task) filters run outside CallToolFilters: they see the tenant's container too
        requests.CallToolWithAlternateFilters.Insert(0, async (request, next, cancellationToken) =>
        {
            await RefreshAsync(snapshots, cancellationToken);
            request.Services = services;
            return await next(request, cancellationToken);
        });
#pragma warning restore MCPEXP002
    }

    /// <summary>A scope of the tenant's container for the request, after the tenant's vault copies are renewed (<see cref="IVaultSnapshot"/>).</summary>
    private static McpRequestFilter<TParams, TResult> Scoped<TParams, TResult>(IServiceProvider services, IVaultSnapshot[] snapshots) =>
        next => async (request, cancellationToken) =>
        {
            await RefreshAsync(snapshots, cancellationToken);
            await using var scope = services.CreateAsyncScope();
            request.Services = scope.ServiceProvider;
            return await next(request, cancellationToken);
        };

    /// <summary>Renews the tenant's vault copies before a request (at once when they are fresh or there is no store).</summary>
    private static async Task RefreshAsync(IVaultSnapshot[] snapshots, CancellationToken cancellationToken)
    {
        foreach (var snapshot in snapshots)
        {
            await snapshot.RefreshAsync(cancellationToken);
        }
    }
}
