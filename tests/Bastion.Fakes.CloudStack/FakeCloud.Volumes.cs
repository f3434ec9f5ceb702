using System.Globalization;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// Volume operations and snapshots, each an async job: attachVolume (a DATADISK not attached, to a Running or Stopped VM
/// of the account; the next device id), detachVolume (an attached DATADISK; ROOT refused), resizeVolume (size in GB;
/// shrinking needs shrinkok=true), createSnapshot (state Creating, BackedUp when the job ends); listSnapshots.
/// </summary>
public sealed partial class FakeCloud
{
    private const long GiB = 1024L * 1024 * 1024;

    /// <summary>Snapshots now (copies).</summary>
    public IReadOnlyList<JsonObject> Snapshots
    {
        get
        {
            lock (_gate)
            {
                return [.. _snapshots.Select(s => (JsonObject)s.DeepClone())];
            }
        }
    }

    /// <summary>A volume now (a copy); null when none has the id.</summary>
    public JsonObject? Volume(string id)
    {
        lock (_gate)
        {
            return _volumes.FirstOrDefault(v => (string?)v["id"] == id)?.DeepClone() as JsonObject;
        }
    }

    private JsonObject FindVolume(FakeCall call, string parameter = "id")
    {
        var id = call.Require(parameter);
        var volume = _volumes.FirstOrDefault(v => (string?)v["id"] == id)
            ?? throw new FakeApiException(431, $"Unable to execute API command {call.Command.ToLowerInvariant()} due to invalid value. Invalid parameter {parameter} value={id} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");
        return (string?)volume["account"] == call.Caller.Account || call.Caller.IsAdmin
            ? volume
            : throw new FakeApiException(531, $"Account {call.Caller.Account} does not have permission to operate with resource {id}", 4365);
    }

    private JsonObject AttachVolume(FakeCall call)
    {
        var volume = FindVolume(call);
        var vm = FindVm(new FakeCall(call.Command, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["id"] = call.Require("virtualmachineid") }, false, call.Caller));
        if ((string?)volume["type"] == "ROOT" || volume["virtualmachineid"] is not null)
        {
            throw new FakeApiException(431, $"Please specify a volume that is not attached to any VM: volume {volume["name"]} is attached to {volume["vmname"] ?? "a VM"}", 4350);
        }

        if (vm.State is not ("Running" or "Stopped"))
        {
            throw new FakeApiException(431, $"Please specify a VM that is either running or stopped: {vm.Name} is {vm.State}", 4350);
        }

        var device = call.Get("deviceid") is { } d ? long.Parse(d, CultureInfo.InvariantCulture) : 1 + _volumes.Count(v => (string?)v["virtualmachineid"] == vm.Id);
        return VolumeJob("AttachVolumeCmd", volume, () =>
        {
            (volume["virtualmachineid"], volume["vmname"], volume["deviceid"], volume["state"]) = (vm.Id, vm.Name, device, "Ready");
            AddEvent("VOLUME.ATTACH", "INFO", $"Volume Id: {volume["name"]} VmId: {vm.Name}");
        });
    }

    private JsonObject DetachVolume(FakeCall call)
    {
        var volume = FindVolume(call);
        if ((string?)volume["type"] == "ROOT")
        {
            throw new FakeApiException(431, "Please specify a data volume: a ROOT volume cannot be detached", 4350);
        }

        if (volume["virtualmachineid"] is null)
        {
            throw new FakeApiException(431, $"Volume {volume["name"]} is not attached to a VM", 4350);
        }

        return VolumeJob("DetachVolumeCmd", volume, () =>
        {
            var vm = (string?)volume["vmname"];
            volume.Remove("virtualmachineid");
            volume.Remove("vmname");
            volume.Remove("deviceid");
            AddEvent("VOLUME.DETACH", "INFO", $"Volume Id: {volume["name"]} VmId: {vm}");
        });
    }

    private JsonObject ResizeVolume(FakeCall call)
    {
        var volume = FindVolume(call);
        if (call.Get("size") is not { } text || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var gb) || gb < 1)
        {
            throw new FakeApiException(431, "Unable to execute API command resizevolume: size in GB is required (a whole number of at least 1)");
        }

        var current = volume["size"]!.GetValue<long>();
        if (gb * GiB < current && !call.Flag("shrinkok"))
        {
            throw new FakeApiException(431, $"Going from existing size of {current} to size of {gb * GiB} would shrink the volume. Need to sign off by supplying the shrinkok parameter with value of true.");
        }

        return VolumeJob("ResizeVolumeCmd", volume, () =>
        {
            volume["size"] = gb * GiB;
            AddEvent("VOLUME.RESIZE", "INFO", $"Volume Id: {volume["name"]} to size {gb} GB");
        });
    }

    private JsonObject CreateSnapshot(FakeCall call)
    {
        var volume = FindVolume(call, "volumeid");
        var id = NewId();
        var snapshot = new JsonObject
        {
            ["id"] = id,
            ["name"] = call.Get("name") ?? $"{volume["vmname"] ?? "detached"}_{volume["name"]}_{Now:yyyyMMddHHmmss}",
            ["volumeid"] = volume["id"]!.DeepClone(),
            ["volumename"] = volume["name"]!.DeepClone(),
            ["volumetype"] = volume["type"]!.DeepClone(),
            ["snapshottype"] = "MANUAL",
            ["intervaltype"] = "MANUAL",
            ["state"] = "Creating",
            ["created"] = Time(Now),
            ["account"] = volume["account"]!.DeepClone(),
            ["domain"] = "ROOT",
            ["zoneid"] = volume["zoneid"]?.DeepClone(),
            ["physicalsize"] = volume["size"]!.GetValue<long>() / 4,
            ["virtualsize"] = volume["size"]!.DeepClone(),
            ["locationtype"] = "PRIMARY",
            ["revertable"] = true,
        };
        _snapshots.Insert(0, snapshot);
        var job = NewJob("CreateSnapshotCmd", id, () =>
        {
            snapshot["state"] = "BackedUp";
            AddEvent("SNAPSHOT.CREATE", "INFO", $"Successfully completed creating snapshot. Snapshot Id: {snapshot["name"]}");
            return new JsonObject { ["snapshot"] = snapshot.DeepClone() };
        }, onFailure: () => snapshot["state"] = "Error", instanceType: "Snapshot");
        return new JsonObject { ["id"] = id, ["jobid"] = job.Id };
    }

    private JsonObject ListSnapshots(FakeCall call) => Page(
        call,
        _snapshots.Where(s => call.ListAll || (string?)s["account"] == call.Caller.Account)
            .Where(s => Is(s, "id", call.Get("id")) && Is(s, "volumeid", call.Get("volumeid")) && Is(s, "snapshottype", call.Get("snapshottype")) && Is(s, "zoneid", call.Get("zoneid")) && Matches(s, call, "name")),
        "snapshot");

    private JsonObject VolumeJob(string commandClass, JsonObject volume, Action effect)
    {
        var job = NewJob(commandClass, (string?)volume["id"], () =>
        {
            effect();
            return new JsonObject { ["volume"] = volume.DeepClone() };
        }, instanceType: "Volume");
        return new JsonObject { ["jobid"] = job.Id };
    }
}
