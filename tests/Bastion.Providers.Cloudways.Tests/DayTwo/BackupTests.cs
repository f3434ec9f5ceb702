using Bastion.Fakes.Cloudways;
using Bastion.Testing;

namespace Bastion.Providers.Cloudways.Tests.DayTwo;

/// <summary>cloudways_app backups and the backup actions of cloudways_app_change and cloudways_server_change: operations followed with progress, failures reported as failed.</summary>
public sealed class BackupTests
{
    [Fact]
    public async Task Backups_ListTheAppsBackupPoints_NewestFirst_AfterWaitingForTheOperation()
    {
        await using var s = await DayTwoSession.StartAsync();

        var result = (await s.OkAsync("cloudways_app", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["resource"] = "backups" })).GetProperty("data");

        var dates = result.GetProperty("data").GetProperty("backup_dates").EnumerateArray().Select(d => d.GetString()).ToList();
        dates.ShouldBe(["2026-12-05 02:00:00", "2026-12-04 02:00:00"]);
        s.Sent("GET", "/app/manage/backup").Count.ShouldBe(1);
        s.H.Fake.Requests.Count(r => r.Path.StartsWith("/operation/", StringComparison.Ordinal)).ShouldBe(2);
    }

    [Fact]
    public async Task TakeRestoreRollback_OfAnApp_RunToTheirOperationsEnd_WithProgress()
    {
        await using var s = await DayTwoSession.StartAsync(new FakeOptions { PollsToComplete = 3 });
        await using var progress = ProgressRecorder.On(s.H.Client);

        var take = await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "backup" }, progress);
        var restore = await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "restore", ["time"] = "2026-12-04 02:00:00" });
        s.Shop.RestoredFrom.ShouldBe("2026-12-04 02:00:00");
        var rollback = await s.OkAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "rollback" });

        take.GetProperty("call").GetString().ShouldBe("POST /app/manage/takeBackup");
        take.GetProperty("state").GetString().ShouldBe("completed");
        take.GetProperty("operation_id").GetString().ShouldNotBeNullOrEmpty();
        restore.GetProperty("call").GetString().ShouldBe("POST /app/manage/restore");
        rollback.GetProperty("call").GetString().ShouldBe("POST /app/manage/rollback");
        s.Shop.Backups.Count.ShouldBe(3);
        s.Shop.RestoredFrom.ShouldBeNull();
        s.Shop.Rollbacks.ShouldBe(1);
        (await progress.AtLeastAsync(3)).Select(v => v.Progress).ShouldBe([1f, 2f, 3f], "one progress notification per look at the backup operation");
        s.Asked.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Take_WithoutAnApp_BacksUpTheServer()
    {
        await using var s = await DayTwoSession.StartAsync();

        var result = (await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "backup" })).GetProperty("change");

        result.GetProperty("call").GetString().ShouldBe("POST /server/manage/backup");
        s.Prod.Backups.ShouldBe(1);
    }

    [Fact]
    public async Task Restore_WithoutATime_IsRefused_AndNothingIsAskedOrSent()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "restore" });

        text.ShouldContain("action 'restore' needs time");
        s.Sent("POST", "/app/manage/restore").ShouldBeEmpty();
    }

    [Fact]
    public async Task Restore_Declined_RestoresNothing()
    {
        await using var s = await DayTwoSession.StartAsync();
        s.Decline = true;

        var result = await s.H.Client.CallToolAsync("cloudways_app_change", new Dictionary<string, object?> { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "restore", ["time"] = "2026-12-04 02:00:00" });

        DayTwoSession.Text(result).ShouldBe("The user declined; nothing ran.");
        s.Sent("POST", "/app/manage/restore").ShouldBeEmpty();
        s.Shop.RestoredFrom.ShouldBeNull();
    }

    [Fact]
    public async Task AFailedBackupOperation_IsReportedAsFailed_WithCloudwaysReason()
    {
        await using var s = await DayTwoSession.StartAsync();
        s.Fake.State.FailOperations = true;

        var text = await s.ErrorAsync("cloudways_app_change", new() { ["server_id"] = 50482, ["app_id"] = 131933, ["action"] = "backup" });

        text.ShouldContain("backup of app 131933 failed");
        text.ShouldContain("The server did not respond to the request.");
        s.Shop.Backups.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Take_WithoutWaiting_ReturnsTheOperation_ThatOperationGetFollowsToTheEnd()
    {
        await using var s = await DayTwoSession.StartAsync(new FakeOptions { PollsToComplete = 2 });

        var started = (await s.OkAsync("cloudways_server_change", new() { ["server_id"] = 50482, ["action"] = "backup", ["wait"] = false })).GetProperty("change");
        started.GetProperty("state").GetString().ShouldBe("running");
        var id = started.GetProperty("operation_id").GetString()!;

        var first = (await s.OkAsync("cloudways_list", new() { ["resource"] = "operation", ["operation_id"] = id })).GetProperty("operation");
        var second = (await s.OkAsync("cloudways_list", new() { ["resource"] = "operation", ["operation_id"] = id })).GetProperty("operation");

        first.GetProperty("state").GetString().ShouldBe("running");
        first.GetProperty("type").GetString().ShouldBe("server_backup");
        second.GetProperty("state").GetString().ShouldBe("completed");
        s.Prod.Backups.ShouldBe(1);
    }

    [Fact]
    public async Task OperationGet_OfAnUnknownOperation_SaysCloudwaysFoundNothing()
    {
        await using var s = await DayTwoSession.StartAsync();

        var text = await s.ErrorAsync("cloudways_list", new() { ["resource"] = "operation", ["operation_id"] = "999999" });

        text.ShouldContain("404");
        text.ShouldContain("Operation 999999 not found.");
    }
}
