namespace Bastion.Ssh;

/// <summary>How Bastion uses the OpenSSH client.</summary>
public sealed class SshOptions
{
    /// <summary>The ssh program (default <c>ssh</c> on PATH).</summary>
    public string SshPath { get; init; } = "ssh";

    /// <summary>An ssh_config file to use instead of the user's (<c>ssh -F</c>); null: the user's <c>~/.ssh/config</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Time to establish a connection (ssh ConnectTimeout; default 10 s).</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an idle master connection stays open for reuse (ssh ControlPersist; default 60 s).</summary>
    public TimeSpan ControlPersist { get; init; } = TimeSpan.FromSeconds(60);
}
