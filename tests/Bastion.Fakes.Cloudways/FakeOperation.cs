namespace Bastion.Fakes.Cloudways;

/// <summary>A long operation: it completes on the fake's PollsToComplete-th look, then applies its effect.</summary>
public sealed class FakeOperation
{
    public required long Id { get; init; }

    /// <summary>Cloudways' type, e.g. restarting_server.</summary>
    public required string Type { get; init; }

    public long ServerId { get; init; }

    public long AppId { get; init; }

    /// <summary>Looks so far.</summary>
    public int Polls { get; set; }

    /// <summary>"0" running, "1" done, "-1" failed.</summary>
    public string Completed { get; set; } = "0";

    /// <summary>What the completed operation carries in 'parameters' (a JSON string), if anything.</summary>
    public string? Parameters { get; init; }

    /// <summary>Applied once when it completes.</summary>
    public Action? Effect { get; init; }
}
