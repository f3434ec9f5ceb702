namespace Bastion.Core.FanOut;

/// <summary>Limits of a fan-out call.</summary>
public sealed class FanOutOptions
{
    /// <summary>Hosts worked on at the same time (default 32).</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Most hosts one call may select (default 256); beyond it the call is refused.</summary>
    public int MaxHosts { get; init; } = 256;

    /// <summary>Time one host may take before it is reported as timed out (default 120 s).</summary>
    public TimeSpan HostTimeout { get; init; } = TimeSpan.FromSeconds(120);
}
