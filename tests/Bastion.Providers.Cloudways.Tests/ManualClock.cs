namespace Bastion.Providers.Cloudways.Tests;

/// <summary>
/// The real wall clock plus an offset the test moves by hand (token expiry, seen alike by Bastion and the fake);
/// timers and timestamps stay real, so timeouts and polls still run.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
