using Bastion.Core.Audit;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// What <c>bastion doctor</c> says of the audit log's disk: its size, its growth per day over the span of the entries it
/// holds, and the days until the file system is full at that rate.
/// </summary>
public sealed class AuditUsageTests : IDisposable
{
    private readonly AuditTestLog _test = new(4096);

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task Usage_GivesTheSize_TheGrowthPerDay_AndTheDaysToFull()
    {
        using (var log = _test.Open())
        {
            for (var i = 1; i <= 30; i++)
            {
                await log.AppendAsync(AuditTestLog.Call(i), CancellationToken.None);
                _test.Clock.Advance(TimeSpan.FromHours(2)); // 29 gaps of 2 h: the entries span 58 h
            }
        }

        var usage = await AuditUsage.MeasureAsync(_test.AuditDirectory, CancellationToken.None);

        _test.Files().Count.ShouldBeGreaterThan(1, "rotated files count too");
        usage.Bytes.ShouldBe(_test.Files().Sum(f => new FileInfo(f).Length));
        usage.FirstEntry.ShouldBe(AuditTestLog.Start);
        usage.LastEntry.ShouldBe(AuditTestLog.Start.AddHours(58));
        usage.BytesPerDay.ShouldNotBeNull().ShouldBe(usage.Bytes / (58 / 24.0), 0.001);
        usage.FreeBytes.ShouldBeGreaterThan(0);
        usage.DaysToFull.ShouldNotBeNull().ShouldBe(usage.FreeBytes / usage.BytesPerDay!.Value, 0.001);
    }

    [Fact]
    public async Task Usage_OfEntriesWithinAnHour_HasNoRate()
    {
        await _test.FillAsync(20); // one second apart

        var usage = await AuditUsage.MeasureAsync(_test.AuditDirectory, CancellationToken.None);

        usage.Bytes.ShouldBeGreaterThan(0);
        (usage.BytesPerDay, usage.DaysToFull).ShouldBe((null, null));
    }
}
