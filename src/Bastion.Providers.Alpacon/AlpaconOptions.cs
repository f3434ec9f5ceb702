namespace Bastion.Providers.Alpacon;

/// <summary>How Bastion drives Alpacon's asynchronous APIs (commands, WebFTP transfers).</summary>
public sealed record AlpaconOptions
{
    /// <summary>Time between two looks at a submitted command or a WebFTP transfer (1 s, as Alpacon's own MCP server polls).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait for a reviewer to approve a command Alpacon parked at <c>awaiting_approval</c> (2 minutes), counted
    /// from submission. The command is never submitted again: when the wait ends it stays parked in Alpacon and runs
    /// once approved; the caller is told its id.
    /// </summary>
    public TimeSpan ApprovalWait { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Longest wait for a WebFTP transfer to be processed by the server's agent (5 minutes).</summary>
    public TimeSpan TransferTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>OS user commands run as on Alpacon servers; null: Alpacon's default for the token.</summary>
    public string? Username { get; init; }

    /// <summary>OS group commands run with; null: Alpacon's default.</summary>
    public string? Groupname { get; init; }
}
