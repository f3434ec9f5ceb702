using Bastion.Providers.Cloudways.Alerts;

namespace Bastion.Providers.Cloudways.Tests;

/// <summary>Alerts come in cursor pages (GET /alerts/, then /alerts/{last_id}); listings are bounded with a note.</summary>
public sealed class AlertTests
{
    [Fact]
    public async Task Alerts_FollowTheCursor_UpToTheLimit_AndSayWhenCut()
    {
        await using var h = await Harness.StartAsync();

        var list = await h.Get<CloudwaysAlerts>().ListAsync(5, CancellationToken.None);

        list.Alerts.Select(a => a.Id).ShouldBe([1001L, 1002L, 1003L, 1004L, 1005L]);
        list.Truncated.ShouldBeTrue();
        list.Note.ShouldNotBeNull().ShouldContain("raise limit");
        h.Fake.Requests.Where(r => r.Path.StartsWith("/alerts", StringComparison.Ordinal)).Select(r => r.Path).ShouldBe(["/alerts/", "/alerts/1003"]);
        list.Alerts[0].Subject.ShouldBe("Disk Inode Alert");
        list.Alerts[0].Values["SERVER_LABEL"].ShouldBe("Prod DO");
        list.Alerts[0].IsRead.ShouldBe(false);
    }

    [Fact]
    public async Task Alerts_AreAllRead_UntilAnEmptyPage()
    {
        await using var h = await Harness.StartAsync();

        var list = await h.Get<CloudwaysAlerts>().ListAsync(100, CancellationToken.None);

        list.Alerts.Count.ShouldBe(7);
        list.Truncated.ShouldBeFalse();
        list.Note.ShouldBeNull();
        list.Pages.ShouldBe(4, "3 + 3 + 1, then an empty page");
    }

    [Fact]
    public async Task Alerts_StopAtTheProcessWideCap_WithANoteSayingSo()
    {
        var options = Harness.FastOptions(new PlatformHttpOptions { MaxItems = 4 });
        await using var h = await Harness.StartAsync(cloudways: options);

        var list = await h.Get<CloudwaysAlerts>().ListAsync(100, CancellationToken.None);

        list.Alerts.Count.ShouldBe(4);
        list.Truncated.ShouldBeTrue();
        list.Note.ShouldNotBeNull().ShouldContain("Stopped at 4 alerts");
    }
}
