using System.Globalization;
using System.Text.Json;
using Bastion.Core.FanOut;
using ModelContextProtocol;

namespace Bastion.Mcp.Tools;

/// <summary>Turns fan-out progress into MCP progress notifications: one per finished host.</summary>
internal static class McpProgress
{
    public static IProgress<FanOutProgress>? ForHosts(IProgress<ProgressNotificationValue>? progress) =>
        progress is null
            ? null
            : new Progress(progress);

    private sealed class Progress(IProgress<ProgressNotificationValue> inner) : IProgress<FanOutProgress>
    {
        public void Report(FanOutProgress value) => inner.Report(new ProgressNotificationValue
        {
            Progress = value.Done,
            Total = value.Total,
            Message = string.Create(CultureInfo.InvariantCulture, $"{value.Host}: {JsonNamingPolicy.SnakeCaseLower.ConvertName(value.Status.ToString())} in {value.Seconds:0.###} s"),
        });
    }
}
