using Bastion.Core.Progress;
using ModelContextProtocol;

namespace Bastion.Tools;

/// <summary>Hands a tool's MCP progress to services as Core's <see cref="StepProgress"/>, so services know nothing of MCP.</summary>
public static class ToolProgress
{
    /// <summary>A reporter that sends each step as an MCP progress notification; null when the client asked for none.</summary>
    public static IProgress<StepProgress>? AsSteps(this IProgress<ProgressNotificationValue>? progress) =>
        progress is null ? null : new Steps(progress);

    private sealed class Steps(IProgress<ProgressNotificationValue> inner) : IProgress<StepProgress>
    {
        public void Report(StepProgress value) =>
            inner.Report(new ProgressNotificationValue { Progress = (float)value.Step, Total = (float?)value.Total, Message = value.Message });
    }
}
