namespace Bastion.Fakes.Cloudways;

/// <summary>A server of the fake account.</summary>
public sealed class FakeServer
{
    public required long Id { get; init; }

    public required string Label { get; init; }

    /// <summary>running, stopped…; changed when a start/stop/restart operation completes.</summary>
    public string Status { get; set; } = "running";

    public string Cloud { get; init; } = "do";

    public string Region { get; init; } = "lon1";

    public string InstanceType { get; init; } = "2GB";

    public required string PublicIp { get; init; }

    /// <summary>The master password the server listing carries (a secret Bastion must never pass on).</summary>
    public required string MasterPassword { get; init; }

    public bool Terminated { get; init; }

    public List<FakeApp> Apps { get; init; } = [];

    /// <summary>Completed restarts.</summary>
    public int Restarts { get; set; }
}
