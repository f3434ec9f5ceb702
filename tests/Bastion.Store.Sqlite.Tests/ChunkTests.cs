using Bastion.Core.History;

namespace Bastion.Store.Sqlite.Tests;

/// <summary>The chunked sample format (an hour of a series per row, a day of its rollups per row) answers as a row per sample did.</summary>
public sealed class ChunkTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static HostTick Value(DateTimeOffset at, string metric, double value) =>
        new("web-01", at, TickStatus.Ok, null, [new MetricValue(metric, "", value)], [], []);

    private static async Task<IReadOnlyList<StoredPoint>> ReadAsync(StoreFixture f, string metric, DateTimeOffset from, DateTimeOffset to, TimeSpan step) =>
        (await f.Store.SeriesAsync(new SeriesQuery("web-01", metric, "", from, to, step), None)).SingleOrDefault()?.Points ?? [];

    [Fact]
    public void Codec_RoundTripsSamplesAndRollups_WithLargeNegativeAndResettingValues()
    {
        (long, long)[] samples = [(7200, 0), (7201, long.MaxValue / 2), (7260, -5_000_000_000_000), (7261, 3), (10799, 3)];
        ChunkCodec.DecodeSamples(7200, ChunkCodec.EncodeSamples(7200, samples)).ShouldBe(samples);
        RollupEntry[] rollups = [new(86400, -10, 5, 20, 5), new(86700, 0, 0, 0, 1), new(172500, 9_000_000_000_000, 9_000_000_000_001, 9_000_000_000_002, 300)];
        ChunkCodec.DecodeRollups(86400, ChunkCodec.EncodeRollups(86400, rollups)).ShouldBe(rollups);
        ChunkCodec.EncodeSamples(0, [.. Enumerable.Range(0, 60).Select(i => ((long)i * 60, 50_000L + (i % 3)))]).Length
            .ShouldBeLessThan(60 * 3, "a steady minute series costs two bytes a sample");
        Should.Throw<InvalidDataException>(() => ChunkCodec.DecodeSamples(0, [0x80]));
    }

    [Fact]
    public async Task Series_AcrossAnHourBoundary_ReadsBothChunks_AndOnlyTheWindow()
    {
        using var f = new StoreFixture();
        f.Clock.Advance(TimeSpan.FromMinutes(40));
        await f.WriteMinutesAsync("web-01", 40); // 00:40 .. 01:19, cpu = i % 10 * 10

        var points = await ReadAsync(f, "cpu.busy_percent", StoreFixture.Start.AddMinutes(55), StoreFixture.Start.AddMinutes(65), TimeSpan.FromMinutes(1));

        points.Select(p => p.Time).ShouldBe(Enumerable.Range(55, 10).Select(m => StoreFixture.Start.AddMinutes(m)));
        points.Select(p => p.Avg).ShouldBe(Enumerable.Range(15, 10).Select(i => i % 10 * 10.0));
        var spanning = await ReadAsync(f, "cpu.busy_percent", StoreFixture.Start.AddMinutes(40), StoreFixture.Start.AddMinutes(80), TimeSpan.FromMinutes(40));
        spanning.ShouldHaveSingleItem().Avg.ShouldBe(45, "one step fed by the samples of two chunks");
    }

    [Fact]
    public async Task Series_WithGapsAndCounterResets_ReadsBackEverySampleAsWritten()
    {
        using var f = new StoreFixture();
        double[] counter = [1e12, 1e12 + 512.125, 3, 700.5, 0, 9.25e15];
        var written = new List<(DateTimeOffset, double)>();
        foreach (var (minute, value) in new[] { 0, 1, 2, 95, 96, 300 }.Zip(counter))
        {
            await f.Store.WriteAsync([Value(StoreFixture.Start.AddMinutes(minute), "net.rx_bytes", value)], None);
            written.Add((StoreFixture.Start.AddMinutes(minute), value));
        }

        var points = await ReadAsync(f, "net.rx_bytes", StoreFixture.Start, StoreFixture.Start.AddHours(6), TimeSpan.FromMinutes(1));

        points.Select(p => (p.Time, p.Avg)).ShouldBe([.. written.Take(5), (StoreFixture.Start.AddMinutes(300), 9.2e15)], "values beyond ±9.2e15 are held at the bound, as before");
    }

    [Fact]
    public async Task Write_OfAnEarlierOrTheSameSecond_MergesIntoTheChunk()
    {
        using var f = new StoreFixture();
        foreach (var (minute, value) in new[] { (10, 1.0), (30, 3.0), (20, 2.0), (30, 4.5), (0, 0.5) })
        {
            await f.Store.WriteAsync([Value(StoreFixture.Start.AddMinutes(minute), "load.load1", value)], None);
        }

        var points = await ReadAsync(f, "load.load1", StoreFixture.Start, StoreFixture.Start.AddHours(1), TimeSpan.FromMinutes(1));

        points.Select(p => ((p.Time - StoreFixture.Start).TotalMinutes, p.Avg)).ShouldBe([(0, 0.5), (10, 1), (20, 2), (30, 4.5)]);
        (await f.Store.RowsAsync(None))!.Samples.ShouldBe(4);
    }

    [Fact]
    public async Task Maintain_PrunesExactlyAtTheCut_InsideAChunk_AndRollsUpAcrossADayBoundary()
    {
        using var f = new StoreFixture(new HistoryOptions { RawRetention = TimeSpan.FromHours(1), RollupRetention = TimeSpan.FromDays(1) });
        f.Clock.Advance(TimeSpan.FromHours(23)); // 23:00 .. 01:29 the next day
        await f.WriteMinutesAsync("web-01", 150);

        var done = await f.Store.MaintainAsync(None); // now 01:30: raw kept from 00:30, which cuts the 00:00 chunk

        done.SamplesDeleted.ShouldBe(90 * 4, "23:00 to 00:29, four series");
        var raw = await ReadAsync(f, "cpu.busy_percent", StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(1));
        raw.Where(p => !p.Rollup).Select(p => p.Time).Min().ShouldBe(StoreFixture.Start.AddHours(24.5));
        var buckets = await ReadAsync(f, "cpu.busy_percent", StoreFixture.Start.AddHours(23), f.Clock.GetUtcNow(), TimeSpan.FromMinutes(5));
        buckets.Count.ShouldBe(30);
        buckets.Take(12).ShouldAllBe(p => p.Rollup);
        buckets.Select(p => p.Avg).Distinct().ShouldBe([20, 70], ignoreOrder: true);
        buckets.Select(p => p.Time).ShouldBe(Enumerable.Range(0, 30).Select(i => StoreFixture.Start.AddHours(23).AddMinutes(5 * i)));

        f.Clock.Advance(TimeSpan.FromHours(23)); // rollups kept from 00:30 on the second day
        var later = await f.Store.MaintainAsync(None);
        later.RollupsDeleted.ShouldBe(18 * 4, "the 12 buckets of 23:00 and the 6 of 00:00 to 00:29, four series");
        (await ReadAsync(f, "cpu.busy_percent", StoreFixture.Start, f.Clock.GetUtcNow(), TimeSpan.FromMinutes(5)))[0].Time.ShouldBe(StoreFixture.Start.AddHours(24.5));
    }
}
