namespace Bastion.Bench.StoreBench;

/// <summary>The store's and the reader's "now" in the benchmark: the synthetic store's end, moved on by the questions
/// that write ticks, so that a window ending at the last tick is the current one, as in a serving process.</summary>
internal sealed class BenchClock(DateTimeOffset now) : TimeProvider
{
    /// <summary>The time it gives.</summary>
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
