using Bastion.Core.Audit;
using Bastion.Core.Audit.Disk;

namespace Bastion.Core.Tests.Audit;

/// <summary>
/// Watermarks as configured (a share or a size, or off; anything else refused saying what is accepted) and the level
/// they give a reading: ok, low, floor. The real file system is driven in the CLI suite (AuditDiskWatermarkCliTests).
/// </summary>
public sealed class DiskWatermarkTests
{
    [Theory]
    [InlineData("5%", 5.0, null)]
    [InlineData("0.5%", 0.5, null)]
    [InlineData("2G", null, 2L * 1024 * 1024 * 1024)]
    [InlineData("512m", null, 512L * 1024 * 1024)]
    [InlineData("4096", null, 4096L)]
    public void Parse_ReadsAShareOrASize(string text, double? percent, long? bytes) =>
        DiskWatermark.Parse(text, "X").ShouldBe(new DiskWatermark(percent, bytes));

    [Fact]
    public void Parse_Off_IsNoWatermark() => DiskWatermark.Parse("off", "X").ShouldBeNull();

    [Theory]
    [InlineData("0%")]
    [InlineData("100%")]
    [InlineData("-5")]
    [InlineData("5 GB")]
    [InlineData("lots")]
    public void Parse_Refuses_WhatIsNotAWatermark(string text) =>
        Should.Throw<BastionException>(() => DiskWatermark.Parse(text, AuditOptions.DiskLowVariable))
            .Message.ShouldBe($"BASTION_AUDIT_DISK_LOW '{text}' is not a free-space watermark. Accepted: a share of the file system such as 5% (over 0, under 100), bytes or a size with K, M or G (e.g. 512M, 2G), or off.");

    [Fact]
    public void Options_TakeTheWatermarks_FromTheEnvironment_WithDefaultsOfFiveAndOnePercent()
    {
        var defaults = new AuditOptions { Directory = "/x/audit" };
        (defaults.DiskLow, defaults.DiskFloor).ShouldBe((new DiskWatermark(5, null), new DiskWatermark(1, null)));
        var set = defaults.WithRetentionFrom(name => name switch { "BASTION_AUDIT_DISK_LOW" => "2M", "BASTION_AUDIT_DISK_FLOOR" => "off", _ => null });
        (set.DiskLow, set.DiskFloor).ShouldBe((new DiskWatermark(null, 2 * 1024 * 1024), null));
    }

    [Fact]
    public void Classify_GivesOkLowAndFloor_WithTheFiguresInTheReason()
    {
        var marks = new DiskWatermarks("/data/audit", new DiskWatermark(10, null), new DiskWatermark(null, 1024 * 1024));
        const long total = 100L * 1024 * 1024;

        marks.Classify(11 * 1024 * 1024, total).ShouldBe(new DiskState(DiskLevel.Ok, 11 * 1024 * 1024, total, null));
        var low = marks.Classify(5 * 1024 * 1024, total);
        low.Level.ShouldBe(DiskLevel.Low);
        low.Reason.ShouldBe("5 MiB free of 100 MiB on the file system of /data/audit, under the low watermark of 10 MiB (BASTION_AUDIT_DISK_LOW=10%); calls are refused under 1 MiB");
        var floor = marks.Classify(1024 * 1024 - 1, total);
        floor.Level.ShouldBe(DiskLevel.Floor);
        floor.Reason.ShouldBe("1024 KiB free of 100 MiB on the file system of /data/audit, under the floor of 1 MiB (BASTION_AUDIT_DISK_FLOOR=1048576): calls are refused until space is freed");
    }

    [Fact]
    public async Task AuditLog_RefusesCallsAndIntents_UnderTheFloor_ButStillWritesOutcomes()
    {
        using var test = new AuditTestLog(4096, maxTotalBytes: null);
        using var log = new AuditLog(new AuditOptions { Directory = test.AuditDirectory, DiskFloor = new DiskWatermark(99.99, null) }, TimeProvider.System);

        var refused = await Should.ThrowAsync<AuditUnavailableException>(() => log.EnsureWritableAsync(CancellationToken.None));
        refused.Message.ShouldStartWith("disk space: ");
        refused.Message.ShouldContain("under the floor");
        await Should.ThrowAsync<AuditUnavailableException>(() => log.AppendAsync(AuditTestLog.Call(1) with { Phase = "intent", Decision = "confirmed", Outcome = null }, CancellationToken.None));
        (await log.AppendAsync(AuditTestLog.Call(1) with { Phase = "outcome", Decision = "confirmed" }, CancellationToken.None)).Seq.ShouldBe(1);
    }
}
