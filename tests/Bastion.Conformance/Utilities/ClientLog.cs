using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Utilities;

/// <summary>Log messages to the client (<c>notifications/message</c>), at or above the level it set with <c>logging/setLevel</c>.</summary>
internal static class ClientLog
{
    /// <summary>The <c>logger</c> name on every message this server sends.</summary>
    public const string LoggerName = "bastion-conformance";

    /// <summary>Sends <paramref name="message"/> at <paramref name="level"/> unless the client asked for a higher minimum level.</summary>
    /// <returns>True when the message was sent.</returns>
    public static async Task<bool> SendAsync(McpServer server, LoggingLevel level, string message, CancellationToken cancellationToken)
    {
        if (server.LoggingLevel is { } minimum && level < minimum)
        {
            return false;
        }

        var notification = new LoggingMessageNotificationParams { Level = level, Logger = LoggerName, Data = JsonSerializer.SerializeToElement(message, ConformanceJson.Default.String) };
        await server.SendNotificationAsync(NotificationMethods.LoggingMessageNotification, notification, cancellationToken: cancellationToken);
        return true;
    }
}
