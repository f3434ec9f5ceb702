using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Cloudways.Api;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>A finished Cloudways operation that produced data (disk usage, server usage), bounded like <see cref="CloudwaysData"/>.</summary>
internal sealed record OperationReport(
    [property: Description("Server it ran on.")] long ServerId,
    [property: Description("Cloudways operation id (GET /operation/{id}).")] string OperationId,
    [property: Description("Operation type in Cloudways' words.")] string? Type,
    [property: Description("Cloudways' last status text.")] string? Status,
    [property: Description("Seconds Bastion waited for it to finish.")] double DurationSeconds,
    [property: Description("What the operation produced, as Cloudways returns it (sizes and units as Cloudways gives them); null when nothing came back.")] JsonElement? Result,
    [property: Description("True when arrays in result were cut to the limit (or it to 64 KiB).")] bool Truncated)
{
    public static OperationReport Of(long serverId, CloudwaysOperation operation, double seconds, int limit)
    {
        if (operation.Result is not { } result)
        {
            return new OperationReport(serverId, operation.Id, operation.Type, operation.Status ?? operation.Message, seconds, null, false);
        }

        var (value, truncated) = JsonBounds.Cut(result, limit);
        return new OperationReport(serverId, operation.Id, operation.Type, operation.Status ?? operation.Message, seconds, value, truncated);
    }
}
