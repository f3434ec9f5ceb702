using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>An async job: in progress until it has been polled <see cref="PollsNeeded"/> times, then it applies its effect.</summary>
internal sealed class FakeJob
{
    public required string Id { get; init; }
    public required string CommandClass { get; init; }
    public required string? InstanceId { get; init; }
    public string InstanceType { get; init; } = "VirtualMachine";
    public required int PollsNeeded { get; init; }
    public required Func<JsonObject?> Complete { get; init; }
    public (int Code, string Text)? Failure { get; init; }
    public Action? OnFailure { get; init; }
    public DateTimeOffset Created { get; init; }
    public int Polls { get; set; }
    public int Status { get; set; }
    public JsonObject? Result { get; set; }
    public DateTimeOffset? Completed { get; set; }
}
