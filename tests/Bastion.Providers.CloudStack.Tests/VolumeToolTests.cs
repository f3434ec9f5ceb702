using System.Text.Json;
using Bastion.Fakes.CloudStack;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace Bastion.Providers.CloudStack.Tests;

/// <summary>Volumes, snapshots and VM metrics through the real MCP pipeline against the strict fake.</summary>
public sealed class VolumeToolTests : IAsyncLifetime
{
    private const string DataDb01 = "d1d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";
    private const string Scratch = "d2d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f";

    private CloudStackFake _fake = null!;

    public async Task InitializeAsync() => _fake = await CloudStackFake.StartAsync();

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static JsonElement Structured(CallToolResult result)
    {
        result.IsError.ShouldNotBe(true, McpHarness.Text(result));
        return result.StructuredContent!.Value;
    }

    private static McpClientOptions Asking(bool approve, List<string> asked) => new()
    {
        Handlers = new McpClientHandlers
        {
            ElicitationHandler = (request, _) =>
            {
                asked.Add(request!.Message);
                return ValueTask.FromResult(new ElicitResult { Action = "accept", Content = new Dictionary<string, JsonElement> { ["approve"] = JsonSerializer.SerializeToElement(approve) } });
            },
        },
    };

    [Fact]
    public async Task VolumesChange_Attach_IsConfirmed_ThenFollowedToItsEnd_WithProgress()
    {
        var asked = new List<string>();
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, asked));
        var result = Structured(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "attach", ["volume_id"] = Scratch, ["vm_id"] = FakeSeed.VmWeb01 }));
        asked.Single().ShouldContain("cloudstack_volume_control");
        result.GetProperty("status").GetString().ShouldBe("succeeded");
        var volume = result.GetProperty("volume");
        (volume.GetProperty("virtual_machine_id").GetString(), volume.GetProperty("vm_name").GetString(), volume.GetProperty("state").GetString()).ShouldBe((FakeSeed.VmWeb01, "web-01", "Ready"));
        (await bastion.ProgressAsync(m => m.Contains($"(attachVolume {Scratch})", StringComparison.Ordinal) && m.EndsWith(": succeeded", StringComparison.Ordinal))).ShouldNotBeEmpty();
        _fake.Count("attachVolume").ShouldBe(1);

        var detached = Structured(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "detach", ["volume_id"] = Scratch }));
        detached.GetProperty("volume").GetProperty("virtual_machine_id").ValueKind.ShouldBe(JsonValueKind.Null);
        _fake.Cloud.Volume(Scratch)!["virtualmachineid"].ShouldBeNull();
    }

    [Fact]
    public async Task VolumesChange_Declined_SendsNothing_AndBadCombinationsAreRefusedUnsent()
    {
        await using (var declining = await McpHarness.StartAsync(_fake, client: Asking(approve: false, [])))
        {
            McpHarness.Text(await declining.CallAsync("cloudstack_volume_control", new() { ["action"] = "resize", ["volume_id"] = DataDb01, ["size_gb"] = 200 })).ShouldContain("declined");
        }

        _fake.Count("resizeVolume").ShouldBe(0);
        _fake.Cloud.Volume(DataDb01)!["size"]!.GetValue<long>().ShouldBe(107374182400L);

        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, []));
        McpHarness.Text(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "attach", ["volume_id"] = Scratch })).ShouldContain("attach needs vm_id");
        McpHarness.Text(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "snapshot", ["volume_id"] = Scratch, ["size_gb"] = 3 })).ShouldContain("size_gb is for resize only");
        McpHarness.Text(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "format", ["volume_id"] = Scratch })).ShouldContain("action");
        _fake.Count("attachVolume").ShouldBe(0);
        _fake.Count("createSnapshot").ShouldBe(0);
    }

    [Fact]
    public async Task VolumesChange_Resize_Shrinking_QuotesCloudStack_UnlessShrinkOk_AndAFailedJobIsAnError()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, []));
        var refused = McpHarness.Text(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "resize", ["volume_id"] = DataDb01, ["size_gb"] = 50 }));
        refused.ShouldContain("errorcode 431");
        refused.ShouldContain("shrinkok");

        var grown = Structured(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "resize", ["volume_id"] = DataDb01, ["size_gb"] = 200 }));
        grown.GetProperty("volume").GetProperty("size_bytes").GetInt64().ShouldBe(200L * 1024 * 1024 * 1024);

        McpHarness.Text(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "detach", ["volume_id"] = FakeSeed.VmWeb01 })).ShouldContain("errorcode 431");

        _fake.Faults.FailNextJob = (530, "Failed to resize volume: storage pool is full");
        var failed = await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "resize", ["volume_id"] = DataDb01, ["size_gb"] = 300 });
        failed.IsError.ShouldBe(true);
        McpHarness.Text(failed).ShouldContain("failed: errorcode 530: Failed to resize volume: storage pool is full");
    }

    [Fact]
    public async Task VolumesChange_Snapshot_ThenSnapshotsList_ShowsItBackedUp()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, client: Asking(approve: true, []));
        var taken = Structured(await bastion.CallAsync("cloudstack_volume_control", new() { ["action"] = "snapshot", ["volume_id"] = DataDb01, ["snapshot_name"] = "before-upgrade" }));
        var snapshot = taken.GetProperty("snapshot");
        (snapshot.GetProperty("name").GetString(), snapshot.GetProperty("state").GetString(), snapshot.GetProperty("volume_id").GetString()).ShouldBe(("before-upgrade", "BackedUp", DataDb01));

        var list = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "snapshots", ["volume_id"] = DataDb01 }));
        var item = list.GetProperty("snapshots").EnumerateArray().Single();
        (item.GetProperty("name").GetString(), item.GetProperty("volume_type").GetString(), item.GetProperty("virtual_size_bytes").GetInt64()).ShouldBe(("before-upgrade", "DATADISK", 107374182400L));
        Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "snapshots", ["volume_id"] = Scratch })).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task VmsMetrics_GiveCpuMemoryAndIo_WithUnits_AndNullsForAStoppedVm()
    {
        await using var bastion = await McpHarness.StartAsync(_fake, Core.Policy.Mode.ReadOnly);
        var one = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vm_metrics", ["vm"] = "web-02" }));
        var web = one.GetProperty("vm_metrics").EnumerateArray().Single();
        (web.GetProperty("cpu_used_percent").GetDouble(), web.GetProperty("memory_total_bytes").GetInt64(), web.GetProperty("memory_used_percent").GetDouble()).ShouldBe((20.0, 1024L * 1024 * 1024, 75.0));
        web.GetProperty("network_read_kib").GetInt64().ShouldBe(2048);

        var stopped = Structured(await bastion.CallAsync("cloudstack_list", new() { ["resource"] = "vm_metrics", ["state"] = "Stopped" }));
        stopped.GetProperty("vm_metrics").EnumerateArray().Select(v => v.GetProperty("name").GetString()).ShouldBe(["db-01", "batch-01"]);
        stopped.GetProperty("vm_metrics")[0].GetProperty("cpu_used_percent").ValueKind.ShouldBe(JsonValueKind.Null);
        _fake.Count("listVirtualMachinesMetrics").ShouldBe(2);
    }
}
