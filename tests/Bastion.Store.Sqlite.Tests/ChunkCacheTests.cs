namespace Bastion.Store.Sqlite.Tests;

/// <summary>The chunk cache alone: tied to the file's data version, bounded, least recently used dropped first.</summary>
public sealed class ChunkCacheTests
{
    /// <summary>A run of one sample row that holds about <paramref name="bytes"/> bytes in all (2 encoded and 16 decoded per sample).</summary>
    private static CachedChunks Run(long from, long to, int bytes) => new(ChunkTable.Samples, from, to, [from + 1], [Hour(from + 1, new long[Math.Max(1, bytes / 18)])]);

    /// <summary>An hour's sample row starting at <paramref name="t0"/>: one value a minute.</summary>
    private static byte[] Hour(long t0, params long[] values) => ChunkCodec.EncodeSamples(t0, [.. values.Select((v, i) => (t0 + (i * 60), v))]);

    private static CachedChunks Samples(long from, long to, params (long T0, long[] Values)[] rows) =>
        new(ChunkTable.Samples, from, to, [.. rows.Select(r => r.T0)], [.. rows.Select(r => Hour(r.T0, r.Values))]);

    /// <summary>The run's decoded entries as "time:value".</summary>
    private static IEnumerable<string> Entries(CachedChunks run) => run.Times.Zip(run.Values, (t, v) => $"{t}:{v}");

    [Fact]
    public void Find_GivesARun_OnlyForARangeInsideWhatWasRead()
    {
        var cache = new ChunkCache(1 << 20, new MemoryBudget(long.MaxValue));
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
        var cache = new ChunkCache(1 << 20, new MemoryBudget(long.MaxValue));
        var old = cache.Begin(1);
        cache.Keep(old, ChunkTable.Ticks, 1, Run(0, long.MaxValue, 10));
        cache.KeepMeta(old, ["interval_ms"], [60_000]);
        cache.Begin(1).ShouldBe(old, "the same version: the same generation");

        var current = cache.Begin(2);
        current.ShouldNotBe(old);
        cache.Find(current, ChunkTable.Ticks, 1, 0, 10).ShouldBeNull();
        cache.FindMeta(current, ["interval_ms"]).ShouldBeNull();
        cache.Bytes.ShouldBe(0);

        // A read that began at version 1 finishes after one saw version 2: what it read may be older than the file.
        cache.Keep(old, ChunkTable.Ticks, 1, Run(0, long.MaxValue, 10));
        cache.KeepMeta(old, ["interval_ms"], [60_000]);
        cache.Find(current, ChunkTable.Ticks, 1, 0, 10).ShouldBeNull();
        cache.FindMeta(current, ["interval_ms"]).ShouldBeNull();

        // A read that saw version 1 only now, or no version at all (the writer was busy), uses nothing.
        cache.Keep(current, ChunkTable.Ticks, 1, Run(0, long.MaxValue, 10));
        cache.Begin(1).ShouldBe(ChunkCache.NoToken);
        cache.Begin(null).ShouldBe(ChunkCache.NoToken);
        cache.Find(ChunkCache.NoToken, ChunkTable.Ticks, 1, 0, 10).ShouldBeNull();
        cache.Find(current, ChunkTable.Ticks, 1, 0, 10).ShouldNotBeNull();
    }

    [Fact]
    public void Apply_PutsTheWrittenRowsInPlace_AndReadsBegunBeforeKeepNothing()
    {
        var cache = new ChunkCache(1 << 20, new MemoryBudget(long.MaxValue));
        var before = cache.Begin(1);
        cache.Keep(before, ChunkTable.Samples, 7, Samples(0, 7200, (3600, [1])));
        cache.Keep(before, ChunkTable.Samples, 8, Samples(0, long.MaxValue, (3600, [1]), (7200, [2])));

        cache.Apply([
            new WrittenChunk(ChunkTable.Samples, 7, 3600, Hour(3600, 1, 5)),   // grown
            new WrittenChunk(ChunkTable.Samples, 7, 7200, Hour(7200, 9)),      // outside the run's range: not read, not added
            new WrittenChunk(ChunkTable.Samples, 8, 10800, Hour(10800, 3)),    // the next hour joins
            new WrittenChunk(ChunkTable.Samples, 8, 3600, null),               // gone
            new WrittenChunk(ChunkTable.Ticks, 7, 3600, Hour(3600, 0)),        // a run not kept
        ]);

        var after = cache.Begin(1);
        after.ShouldNotBe(before);
        Entries(cache.Find(after, ChunkTable.Samples, 7, 0, 7200)!).ShouldBe(["3600:1", "3660:5"]);
        Entries(cache.Find(after, ChunkTable.Samples, 8, 0, long.MaxValue)!).ShouldBe(["7200:2", "10800:3"]);
        cache.Find(after, ChunkTable.Ticks, 7, 0, 7200).ShouldBeNull();

        cache.Keep(before, ChunkTable.Samples, 9, Run(0, 100, 10));
        cache.Find(after, ChunkTable.Samples, 9, 0, 100).ShouldBeNull("read before the write: it may not hold it");
    }

    [Fact]
    public void Absences_HoldForTheGenerationTheyWereFoundIn_Only()
    {
        var cache = new ChunkCache(1 << 20, new MemoryBudget(long.MaxValue));
        var v = cache.Begin(1);
        cache.KeepAbsentHosts(v, ["local"]);
        cache.KeepAbsentSeries(v, [(7, "cpu.busy_percent", "")]);

        cache.HostAbsent(v, "local").ShouldBeTrue();
        cache.HostAbsent(v, "web-01").ShouldBeFalse("never looked for");
        cache.SeriesAbsent(v, (7, "cpu.busy_percent", "")).ShouldBeTrue();
        cache.SeriesAbsent(v, (7, "cpu.busy_percent", "eth0")).ShouldBeFalse("another instance");
        cache.SeriesAbsent(v, (8, "cpu.busy_percent", "")).ShouldBeFalse("another host");

        // The store's own write (which may add the host) starts a generation: what was missing before may be there now.
        cache.Apply([]);
        var afterWrite = cache.Begin(1);
        cache.HostAbsent(afterWrite, "local").ShouldBeFalse();
        cache.SeriesAbsent(afterWrite, (7, "cpu.busy_percent", "")).ShouldBeFalse();

        // A read begun before the write finds nothing kept, and keeps nothing.
        cache.KeepAbsentHosts(v, ["local"]);
        cache.HostAbsent(afterWrite, "local").ShouldBeFalse("found missing by a read begun before the write");
        cache.HostAbsent(v, "local").ShouldBeFalse("a stale read uses nothing");

        // Another connection's commit (a newer data version) drops them too.
        cache.KeepAbsentHosts(afterWrite, ["local"]);
        cache.HostAbsent(afterWrite, "local").ShouldBeTrue();
        var newer = cache.Begin(2);
        cache.HostAbsent(newer, "local").ShouldBeFalse();
        cache.HostAbsent(ChunkCache.NoToken, "local").ShouldBeFalse();
    }

    [Fact]
    public void Meta_IsFound_OnlyWhenEveryKeyWasRead_NullValuesIncluded()
    {
        var cache = new ChunkCache(1 << 20, new MemoryBudget(long.MaxValue));
        var v = cache.Begin(5);
        cache.KeepMeta(v, ["interval_ms", "pruned_before_ms"], [60_000, null]);

        cache.FindMeta(v, ["pruned_before_ms", "interval_ms"]).ShouldBe([null, 60_000]);
        cache.FindMeta(v, ["interval_ms", "rolled_up_to_ms"]).ShouldBeNull();
    }

    [Fact]
    public void OverBudget_TheLeastRecentlyUsedRunsGo_AndARunLargerThanTheBudgetIsNotKept()
    {
        var cache = new ChunkCache(10_000, new MemoryBudget(long.MaxValue));
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
    public void CachesSharingABudget_KeepNoMoreTogether_AndGetBytesBackWhenOneDrops()
    {
        var shared = new MemoryBudget(5_000);
        var (a, b) = (new ChunkCache(1 << 20, shared), new ChunkCache(1 << 20, shared));
        var (va, vb) = (a.Begin(1), b.Begin(1));
        a.Keep(va, ChunkTable.Samples, 1, Run(0, 100, 2_000));
        a.Keep(va, ChunkTable.Samples, 2, Run(0, 100, 2_000));
        b.Keep(vb, ChunkTable.Samples, 1, Run(0, 100, 2_000));

        b.Find(vb, ChunkTable.Samples, 1, 0, 100).ShouldBeNull("the two runs of the first cache leave no room");
        shared.Taken.ShouldBe(a.Bytes);

        va = a.Begin(2); // another connection committed: the first cache drops everything
        shared.Taken.ShouldBe(0);
        b.Keep(vb, ChunkTable.Samples, 1, Run(0, 100, 2_000));
        b.Find(vb, ChunkTable.Samples, 1, 0, 100).ShouldNotBeNull();
        shared.Taken.ShouldBe(b.Bytes);

        // A run patched larger than what is left is dropped, its bytes given back.
        b.Apply([new WrittenChunk(ChunkTable.Samples, 1, 1, Hour(1, new long[300]))]);
        b.Find(b.Begin(1), ChunkTable.Samples, 1, 0, 100).ShouldBeNull();
        shared.Taken.ShouldBe(0);
        b.Bytes.ShouldBe(0);
    }

    [Fact]
    public void SampleRuns_AreDecodedInOrder_AndSlicedByTime()
    {
        var run = Samples(0, long.MaxValue, (3600, [10, 11]), (7200, [20]), (10800, [30, 31, 32]));

        Entries(run).ShouldBe(["3600:10", "3660:11", "7200:20", "10800:30", "10860:31", "10920:32"]);
        run.Slice(3660, 10860).ShouldBe((1, 4));
        run.Slice(0, 3600).ShouldBe((0, 0));
        run.Slice(3601, 3659).ShouldBe((1, 1));
        run.Slice(10920, long.MaxValue).ShouldBe((5, 6));
        run.Bytes.ShouldBeGreaterThan(6 * 16, "the decoded entries count against the budget");
    }

    [Fact]
    public void RollupRuns_AreDecodedInOrder_AndSlicedByBucket()
    {
        var day = ChunkCodec.EncodeRollups(86400, [new RollupEntry(86400, 1, 2, 3, 5), new RollupEntry(86700, 4, 5, 6, 5)]);
        var next = ChunkCodec.EncodeRollups(172800, [new RollupEntry(172800, 7, 8, 9, 4)]);
        var run = new CachedChunks(ChunkTable.Rollups, 0, long.MaxValue, [86400, 172800], [day, next]);

        run.Rollups.ShouldBe([new RollupEntry(86400, 1, 2, 3, 5), new RollupEntry(86700, 4, 5, 6, 5), new RollupEntry(172800, 7, 8, 9, 4)]);
        run.Times.ShouldBe([86400, 86700, 172800]);
        run.Slice(86401, 172801).ShouldBe((1, 3));
    }
}
