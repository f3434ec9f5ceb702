using Microsoft.Extensions.Logging;

namespace Bastion.Mcp.Pipeline;

/// <summary>The call pipeline's log messages.</summary>
internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} refused: {Reason}")]
    public static partial void Refused(ILogger logger, string tool, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tool {Tool} failed: {Message}")]
    public static partial void ToolError(ILogger logger, string tool, string message);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit log not written for {Tool}: {Message}")]
    public static partial void AuditFailure(ILogger logger, string tool, string message);
}
