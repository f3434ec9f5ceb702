using System.Text.Json;
using Bastion.Providers.Cloudways.Api;
using Bastion.Core.Progress;
using System.Text.Json.Nodes;
using Bastion.Core;

namespace Bastion.Providers.Cloudways.Operations;

/// <summary>
/// Cloudways' long operations: write calls (start, stop, restart) and some reads (disk usage, server usage) answer
/// <c>{"status": true, "operation_id": "…"}</c>, and <c>GET /operation/{id}</c> says when <c>is_completed</c> turns "1"
/// (done) or "-1" (failed). Waiting polls every <see cref="CloudwaysOptions.PollInterval"/>, reports each look as MCP
/// progress, and gives up after <see cref="CloudwaysOptions.PollTimeout"/>.
/// </summary>
internal sealed class CloudwaysOperations(CloudwaysClient client, CloudwaysOptions options, TimeProvider clock)
{
    /// <summary>The operation id in a call's answer (<c>operation_id</c>, or <c>task_id</c>); null when there is none.</summary>
    public static string? IdIn(JsonElement answer) =>
        answer.Text("operation_id") ?? answer.Text("task_id");

    /// <summary>One look at operation <paramref name="id"/>.</summary>
    /// <exception cref="PlatformException">Cloudways refused or failed the call.</exception>
    public async Task<CloudwaysOperation> GetAsync(string id, CancellationToken cancellationToken) =>
        CloudwaysOperation.From(await client.GetAsync($"/operation/{Uri.EscapeDataString(id)}", cancellationToken), id);

    /// <summary>Waits until operation <paramref name="id"/> completes; returns its last state and how long the wait took.</summary>
    /// <exception cref="PlatformException">It failed (<c>is_completed</c> "-1"), or did not finish in time (it may still finish).</exception>
    public async Task<(CloudwaysOperation Operation, double Seconds)> WaitAsync(string id, string what, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        var done = await OperationPoller.PollAsync(
            CloudwaysApi.Platform,
            $"{what}, operation {id}",
            async ct =>
            {
                var operation = await GetAsync(id, ct);
                var status = operation.Status ?? operation.Message ?? operation.State.ToString().ToLowerInvariant();
                return new PollState<CloudwaysOperation>(operation.State != OperationState.Running, operation, status);
            },
            options.PollInterval,
            options.PollTimeout,
            progress,
            clock,
            cancellationToken);
        if (done.State == OperationState.Failed)
        {
            throw new PlatformException(CloudwaysApi.Platform, $"{what} failed ({done.Describe()}): {done.Message ?? done.Status ?? "no reason given"}.");
        }

        return (done, Math.Round(clock.GetElapsedTime(started).TotalSeconds, 3));
    }

    /// <summary>
    /// The data of an answer that may come at once or as an operation to wait for (Cloudways documents both for reads
    /// such as analytics): the answer itself, or the finished operation's result.
    /// </summary>
    public async Task<JsonElement> ResultAsync(JsonElement answer, string what, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        if (IdIn(answer) is not { } id)
        {
            return answer;
        }

        var (operation, _) = await WaitAsync(id, what, progress, cancellationToken);
        return operation.Result ?? JsonSerializer.SerializeToElement(new JsonObject { ["operation_id"] = operation.Id, ["status"] = operation.Status, ["message"] = operation.Message }, CommonJson.Default.JsonObject);
    }
}
