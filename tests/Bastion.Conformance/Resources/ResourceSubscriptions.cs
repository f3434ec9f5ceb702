using System.Collections.Concurrent;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Resources;

/// <summary>
/// Which resources each session subscribed to (<c>resources/subscribe</c>, <c>resources/unsubscribe</c>). Subscribing
/// to a URI no resource answers is refused as "resource not found"; unsubscribing is idempotent.
/// </summary>
internal sealed class ResourceSubscriptions(Func<string, bool> exists)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, byte>> _bySession = new(StringComparer.Ordinal);

    /// <summary>Adds the handlers to <paramref name="handlers"/>; the SDK then advertises <c>resources.subscribe</c>.</summary>
    public void AddTo(McpServerHandlers handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        handlers.SubscribeToResourcesHandler = (context, cancellationToken) =>
        {
            var uri = context.Params?.Uri ?? throw new McpProtocolException("resources/subscribe needs a uri.", McpErrorCode.InvalidParams);
            if (!exists(uri))
            {
                throw new McpProtocolException($"Resource not found: {uri}", McpErrorCode.ResourceNotFound);
            }

            _bySession.GetOrAdd(SessionOf(context.Server), _ => new(StringComparer.Ordinal)).TryAdd(uri, 0);
            return ValueTask.FromResult(new EmptyResult());
        };
        handlers.UnsubscribeFromResourcesHandler = (context, cancellationToken) =>
        {
            var uri = context.Params?.Uri ?? throw new McpProtocolException("resources/unsubscribe needs a uri.", McpErrorCode.InvalidParams);
            if (_bySession.TryGetValue(SessionOf(context.Server), out var uris))
            {
                uris.TryRemove(uri, out _);
            }

            return ValueTask.FromResult(new EmptyResult());
        };
    }

    private static string SessionOf(McpServer server) =>
        server.SessionId ?? throw new McpProtocolException("Subscriptions need a session (Mcp-Session-Id).", McpErrorCode.InvalidRequest);
}
