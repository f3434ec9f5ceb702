namespace Bastion.Store.Sqlite.Tests;

/// <summary>The chunk cache alone: tied to the file's data version, bounded, least recently used dropped first.</summary>
public sealed class ChunkCacheTests
{
    private static CachedChunks Run(long from, long to, int bytes) => new(from, to, [from + 1], [new byte[bytes]]);

    [Fact]
    public void Find_GivesARun_OnlyForARangeInsideWhatWasRead()
    {
        var cache = new ChunkCache(1 << 20);
        var v = cache.Begin(1);
        cache.Keep(v, ChunkTable.Samples, 7, Run(100, 200, 10));

        cache.Find(v, ChunkTable.Samples, 7, 100, 200).ShouldNotBeNull();
        cache.Find(v, ChunkTable.Samples, 7, 150, 160).ShouldNotBeNull();
        cache.Find(v, ChunkTable.Samples, 7, 99, 200).ShouldBeNull("rows starting at 100 were not read");
        cache.Find(v, ChunkTable.Samples, 7, 100, 201).ShouldBeNull("rows starting at 200 were not read");
        cache.Find(v, ChunkTable.Rollups, 7, 150, 160).ShouldBeNull("another table");
        cache.Find(v, ChunkTable.Samples, 8, 150, 160).ShouldBeNull("another series");
    }

    [Fact]
    public void ANewerDataVersion_DropsEverything_AndAReadBegunBeforeItKeepsNothing()
    {
        var cache = new ChunkCache(1 << 20);
        var old = cache.Begin(1);
        cache.Keep(old, ChunkTable.Ticks, 1, Run(0, long.MaxValue, 10));
        cache.KeepMeta(old, ["interval_ms"], [60_000]);

        var current = cache.Begin(2);
        cache.Find(current, ChunkTable.Ticks, 1, 0, 10).ShouldBeNull();
        cache.FindMeta(current, ["interval_ms"]).ShouldBeNull();
        cache.Bytes.ShouldBe(0);

        // A read that saw version 1 finishes after one saw version 2: what it read may be older than the file.
        cache.Begin(1).ShouldBe(1);
        cache.Keep(old, ChunkTable.Ticks, 1, Run(0, long.MaxValue, 10));
        cache.KeepMeta(old, ["interval_ms"], [60_000]);
        cache.Find(current, ChunkTable.Ticks, 1, 0, 10).ShouldBeNull();
        cache.Find(old, ChunkTable.Ticks, 1, 0, 10).ShouldBeNull();
        cache.FindMeta(current, ["interval_ms"]).ShouldBeNull();
    }

    [Fact]
    public void Meta_IsFound_OnlyWhenEveryKeyWasRead_NullValuesIncluded()
    {
        var cache = new ChunkCache(1 << 20);
        var v = cache.Begin(5);
        cache.KeepMeta(v, ["interval_ms", "pruned_before_ms"], [60_000, null]);

        cache.FindMeta(v, ["pruned_before_ms", "interval_ms"]).ShouldBe([null, 60_000]);
        cache.FindMeta(v, ["interval_ms", "rolled_up_to_ms"]).ShouldBeNull();
    }

    [Fact]
    public void OverBudget_TheLeastRecentlyUsedRunsGo_AndARunLargerThanTheBudgetIsNotKept()
    {
        var cache = new ChunkCache(10_000);
        var v = cache.Begin(1);
        for (var key = 1; key <= 4; key++)
        {
            cache.Keep(v, ChunkTable.Samples, key, Run(0, 100, 2_000));
        }

        cache.Find(v, ChunkTable.Samples, 1, 0, 100).ShouldNotBeNull(); // 1 is now the most recently used
        cache.Keep(v, ChunkTable.Samples, 5, Run(0, 100, 2_000));      // past 10,000 bytes: down to 7,500

        cache.Bytes.ShouldBeLessThanOrEqualTo(7_500);
        cache.Find(v, ChunkTable.Samples, 2, 0, 100).ShouldBeNull();
        cache.Find(v, ChunkTable.Samples, 3, 0, 100).ShouldBeNull();
        cache.Find(v, ChunkTable.Samples, 1, 0, 100).ShouldNotBeNull();
        cache.Find(v, ChunkTable.Samples, 5, 0, 100).ShouldNotBeNull();

        cache.Keep(v, ChunkTable.Samples, 6, Run(0, 100, 20_000));
        cache.Find(v, ChunkTable.Samples, 6, 0, 100).ShouldBeNull();
        cache.Find(v, ChunkTable.Samples, 1, 0, 100).ShouldNotBeNull("a run too large to keep evicts nothing");
    }

    [Fact]
    public void Between_GivesTheRowsStartingStrictlyInside()
    {
        var run = new CachedChunks(0, long.MaxValue, [3600, 7200, 10800], [[1], [2], [3]]);

        run.Between(3600, 10800).Select(r => r.Start).ShouldBe([7200]);
        run.Between(3599, 10801).Select(r => r.Start).ShouldBe([3600, 7200, 10800]);
        run.Between(0, 3600).ShouldBeEmpty();
    }
}
