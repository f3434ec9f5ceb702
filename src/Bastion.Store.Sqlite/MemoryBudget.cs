namespace Bastion.Store.Sqlite;

/// <summary>
/// Bytes that several <see cref="ChunkCache"/>s share, so that a process with many stores (one per tenant) keeps no
/// more in all than <paramref name="limit"/>: a cache takes bytes before it keeps a run and gives them back when it drops
/// one. Thread-safe.
/// </summary>
/// <param name="limit">The most bytes taken at once.</param>
internal sealed class MemoryBudget(long limit)
{
    private long _taken;

    /// <summary>The bytes taken now.</summary>
    public long Taken => Interlocked.Read(ref _taken);

    /// <summary>Takes <paramref name="bytes"/> when they fit under the limit.</summary>
    /// <returns>False, taking nothing, when they do not.</returns>
    public bool TryTake(long bytes)
    {
        var taken = Interlocked.Add(ref _taken, bytes);
        if (taken <= limit)
        {
            return true;
        }

        Interlocked.Add(ref _taken, -bytes);
        return false;
    }

    /// <summary>Gives back <paramref name="bytes"/> taken before.</summary>
    public void Give(long bytes) => Interlocked.Add(ref _taken, -bytes);
}
