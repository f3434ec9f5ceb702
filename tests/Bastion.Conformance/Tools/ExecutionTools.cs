using System.ComponentModel;
using Bastion.Conformance.Utilities;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace Bastion.Conformance.Tools;

/// <summary>Tools that do something while they run: log, report progress, fail, or hand their result over to polling.</summary>
[McpServerToolType]
internal static class ExecutionTools
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(50);

    [McpServerTool(Name = "test_tool_with_logging", ReadOnly = true), Description("Sends three info-level log messages 50 ms apart while it runs, then says how many it sent (scenario tools-call-with-logging).")]
    public static async Task<string> WithLogging(McpServer server, CancellationToken cancellationToken)
    {
        var sent = 0;
        string[] messages = ["Tool execution started", "Tool processing data", "Tool execution completed"];
        for (var i = 0; i < messages.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(Step, cancellationToken);
            }

            sent += await ClientLog.SendAsync(server, LoggingLevel.Info, messages[i], cancellationToken) ? 1 : 0;
        }

        return $"Tool with logging finished; {sent} of {messages.Length} log messages were at or above the client's level and were sent.";
    }

    [McpServerTool(Name = "test_tool_with_progress", ReadOnly = true), Description("Reports progress 0, 50 and 100 of 100, 50 ms apart, when the request carries a progress token (scenario tools-call-with-progress).")]
    public static async Task<string> WithProgress(McpServer server, RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        var token = context.Params?.ProgressToken;
        float[] steps = [0, 50, 100];
        for (var i = 0; i < steps.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(Step, cancellationToken);
            }

            if (token is { } progressToken)
            {
                var notification = new ProgressNotificationParams { ProgressToken = progressToken, Progress = new ProgressNotificationValue { Progress = steps[i], Total = 100 } };
                await server.SendNotificationAsync(NotificationMethods.ProgressNotification, notification, cancellationToken: cancellationToken);
            }
        }

        return token is null ? "Done; no progress token was given, so no progress was reported." : "Done; progress reported at 0, 50 and 100 of 100.";
    }

    [McpServerTool(Name = "test_error_handling", ReadOnly = true, Idempotent = true), Description("Always fails, as a tool result with isError (scenario tools-call-error).")]
    public static CallToolResult ErrorHandling() => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = "This tool intentionally returns an error for testing" }],
    };

    [McpServerTool(Name = "test_reconnection", ReadOnly = true), Description("Ends its POST stream before answering so the client must poll for the result with Last-Event-ID, where the transport can replay events (scenario server-sse-polling).")]
    public static async Task<string> Reconnection(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken)
    {
        string how;
        try
        {
            await context.EnablePollingAsync(TimeSpan.FromMilliseconds(500), cancellationToken);
            how = "the stream was closed and the client resumed it";
        }
        catch (InvalidOperationException)
        {
            how = "the transport keeps no event store, so the result came on the original stream";
        }

        // Answer at once: the result is then in the event store before the client resumes, whose one GET replays it.
        return $"Reconnection test completed: {how}.";
    }
}
