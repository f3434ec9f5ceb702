using Bastion.Core.Policy;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Mcp.Security;

/// <summary>
/// Who sent a message. A transport that authenticates callers (HTTP) puts the principal in the message's
/// <see cref="JsonRpcMessageContext.Items"/>; a message without one (stdio, the in-process CLI) comes from the local user.
/// </summary>
public static class Caller
{
    /// <summary>The key under which the principal travels in a message's items.</summary>
    public const string ItemKey = "bastion.principal";

    /// <summary>The authenticated principal of <paramref name="request"/>; null for the local user.</summary>
    public static Principal? Of(MessageContext request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Items.TryGetValue(ItemKey, out var value) && value is Principal principal ? principal : null;
    }

    /// <summary>Marks <paramref name="message"/> as sent by <paramref name="principal"/>.</summary>
    public static void Set(JsonRpcMessage message, Principal principal)
    {
        ArgumentNullException.ThrowIfNull(message);
        message.Context ??= new JsonRpcMessageContext();
        message.Context.Items ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        message.Context.Items[ItemKey] = principal;
    }
}
