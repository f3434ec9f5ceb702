using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Utilities;

/// <summary>
/// <c>logging/setLevel</c>: the SDK records the level on the session (<see cref="McpServer.LoggingLevel"/>, which
/// <see cref="ClientLog"/> honours); the handler confirms the change with an info message when that level lets it through.
/// </summary>
internal static class LoggingLevelHandler
{
    /// <summary>Sets <paramref name="handlers"/>' logging handler; the SDK then advertises <c>logging</c>.</summary>
    public static void AddTo(McpServerHandlers handlers)
    {
        ArgumentNullException.ThrowIfNull(handlers);
        handlers.SetLoggingLevelHandler = async (context, cancellationToken) =>
        {
            if (context.Params?.Level is { } level)
            {
                await ClientLog.SendAsync(context.Server, LoggingLevel.Info, $"Log level set to {level.ToString().ToLowerInvariant()}", cancellationToken);
            }

            return new EmptyResult();
        };
    }
}
