namespace Bastion.Fakes.WebOps.State;

/// <summary>One deployment (<c>ApplicationDeployment</c>) with its logs and its process; guarded by the fake's lock.</summary>
public sealed class FakeDeployment
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    public required string Owner { get; init; }

    public required string RepoUrl { get; init; }

    public string Branch { get; init; } = "main";

    public string Domain { get; init; } = string.Empty;

    public string ProjectType { get; init; } = "django";

    public required int Port { get; init; }

    public Dictionary<string, string> EnvVars { get; init; } = new(StringComparer.Ordinal);

    /// <summary>One of pending, building, running, stopped, failed.</summary>
    public string Status { get; set; } = "pending";

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Queued background work, advanced by each detail or service-status poll.</summary>
    public PendingWork Work { get; set; } = PendingWork.None;

    /// <summary>Polls left in the current stage.</summary>
    public int Countdown { get; set; }

    public List<FakeLogEntry> Logs { get; } = [];

    /// <summary>The running process; null when none runs.</summary>
    public FakeProcess? Process { get; set; }

    public int RestartCount { get; set; }

    /// <summary>Looks since the deployment entered <c>failed</c> (for <see cref="FakeWebOpsOptions.AsRunAtCommit"/>'s task retry).</summary>
    public int LooksSinceFailed { get; set; }

    /// <summary>True once a task retry revived it from <c>failed</c> (it happens once).</summary>
    public bool Revived { get; set; }
}
