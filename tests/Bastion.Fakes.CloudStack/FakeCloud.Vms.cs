using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Bastion.Fakes.CloudStack;

public sealed partial class FakeCloud
{
    private const string VmCommands = "org.apache.cloudstack.api.command.user.vm.";

    private JsonObject Deploy(FakeCall call)
    {
        var zoneId = call.Require("zoneid");
        var templateId = call.Require("templateid");
        var offeringId = call.Require("serviceofferingid");
        if (Zone(zoneId) is null)
        {
            throw new FakeApiException(431, $"Unable to execute API command deployvirtualmachine due to invalid value. Invalid parameter zoneid value={zoneId} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");
        }

        var template = Template(templateId) ?? throw new FakeApiException(431, $"Unable to use template {templateId}: it does not exist");
        if (template["isready"]?.GetValue<bool>() != true)
        {
            throw new FakeApiException(431, $"Template {template["name"]} has not been completely downloaded to zone {zoneId}");
        }

        if (Offering(offeringId) is null)
        {
            throw new FakeApiException(431, $"Unable to find service offering: {offeringId}");
        }

        var name = call.Get("name");
        if (name is not null && !Regex.IsMatch(name, "^[A-Za-z][A-Za-z0-9-]{0,62}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            throw new FakeApiException(431, $"Invalid value for name: {name}. The name may contain ASCII letters a-z, digits 0-9 and hyphens, must start with a letter and end with a letter or digit, and must be 1 to 63 characters long");
        }

        var networkId = call.Get("networkids")?.Split(',')[0] ?? _networks.First(n => (string?)n["zoneid"] == zoneId && n["isdefault"]?.GetValue<bool>() == true)["id"]!.GetValue<string>();
        if (Network(networkId) is null)
        {
            throw new FakeApiException(431, $"Unable to find network by id {networkId}");
        }

        var id = NewId();
        var vm = new FakeVm
        {
            Id = id,
            Name = name ?? "VM-" + id,
            DisplayName = call.Get("displayname"),
            State = "Starting",
            ZoneId = zoneId,
            TemplateId = templateId,
            OfferingId = offeringId,
            NetworkId = networkId,
            IpAddress = NextIp(zoneId),
            Created = Now,
        };
        _vms.Add(vm);
        var start = call.Get("startvm") is not { } startvm || bool.Parse(startvm);
        var failure = name?.StartsWith(FakeSeed.FailingNamePrefix, StringComparison.Ordinal) == true
            ? (533, $"Unable to create a deployment for VM[User|{vm.Name}]: insufficient capacity in zone {zoneId}")
            : ((int, string)?)null;
        var job = NewJob("DeployVMCmd", id, () =>
        {
            vm.State = start ? "Running" : "Stopped";
            _volumes.Add(RootVolume(vm, Now));
            AddEvent("VM.CREATE", "INFO", $"Successfully completed deploying Vm. Vm Id: {vm.Name}");
            var result = vm.ToJson(this);
            if (template["passwordenabled"]?.GetValue<bool>() == true)
            {
                result["password"] = NewSecret(9);
            }

            return new JsonObject { ["virtualmachine"] = result };
        }, failure, () =>
        {
            vm.State = "Error";
            AddEvent("VM.CREATE", "ERROR", $"Error while deploying Vm. Vm Id: {vm.Name}");
        });
        return new JsonObject { ["id"] = id, ["jobid"] = job.Id };
    }

    private JsonObject Start(FakeCall call)
    {
        var vm = FindVm(call);
        if (vm.State is "Destroyed" or "Expunging" or "Error")
        {
            throw new FakeApiException(431, $"Unable to start VM {vm.Name} in state {vm.State}", 4350);
        }

        var wasRunning = vm.State == "Running";
        vm.State = wasRunning ? "Running" : "Starting";
        return Job("StartVMCmd", vm, () =>
        {
            vm.State = "Running";
            AddEvent("VM.START", "INFO", $"Successfully completed starting Vm. Vm Id: {vm.Name}");
        });
    }

    private JsonObject Stop(FakeCall call)
    {
        var vm = FindVm(call);
        if (vm.State is "Destroyed" or "Expunging")
        {
            throw new FakeApiException(431, $"Unable to stop VM {vm.Name} in state {vm.State}", 4350);
        }

        vm.State = vm.State == "Stopped" ? "Stopped" : "Stopping";
        return Job("StopVMCmd", vm, () =>
        {
            vm.State = "Stopped";
            AddEvent("VM.STOP", "INFO", $"Successfully completed stopping Vm. Vm Id: {vm.Name}{(call.Flag("forced") ? " (forced)" : string.Empty)}");
        });
    }

    private JsonObject Reboot(FakeCall call)
    {
        var vm = FindVm(call);
        if (vm.State != "Running")
        {
            throw new FakeApiException(431, $"Unable to reboot VM {vm.Name}: it is not in Running state (state {vm.State})", 4350);
        }

        return Job("RebootVMCmd", vm, () => AddEvent("VM.REBOOT", "INFO", $"Successfully completed rebooting Vm. Vm Id: {vm.Name}"));
    }

    private JsonObject Destroy(FakeCall call)
    {
        var vm = FindVm(call);
        var expunge = call.Flag("expunge");
        if (vm.State == "Destroyed" && !expunge)
        {
            throw new FakeApiException(431, $"VM {vm.Name} is already destroyed; expunge it to remove it", 4350);
        }

        var job = NewJob("DestroyVMCmd", vm.Id, () =>
        {
            vm.State = expunge ? "Expunging" : "Destroyed";
            var result = vm.ToJson(this);
            AddEvent("VM.DESTROY", "INFO", $"Successfully completed destroying Vm. Vm Id: {vm.Name}");
            if (expunge)
            {
                _vms.Remove(vm);
                _volumes.RemoveAll(v => (string?)v["virtualmachineid"] == vm.Id && (string?)v["type"] == "ROOT");
                AddEvent("VM.EXPUNGE", "INFO", $"Successfully completed expunging Vm. Vm Id: {vm.Name}");
            }

            return new JsonObject { ["virtualmachine"] = result };
        });
        return new JsonObject { ["jobid"] = job.Id };
    }

    private FakeVm FindVm(FakeCall call)
    {
        var id = call.Require("id");
        var vm = _vms.FirstOrDefault(v => v.Id == id)
            ?? throw new FakeApiException(431, $"Unable to execute API command {call.Command.ToLowerInvariant()} due to invalid value. Invalid parameter id value={id} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");
        return vm.Account == FakeSeed.Account
            ? vm
            : throw new FakeApiException(531, $"Account {FakeSeed.Account} does not have permission to operate with resource {vm.Id}", 4365);
    }

    private JsonObject Job(string commandClass, FakeVm vm, Action effect)
    {
        var job = NewJob(commandClass, vm.Id, () =>
        {
            effect();
            return new JsonObject { ["virtualmachine"] = vm.ToJson(this) };
        });
        return new JsonObject { ["jobid"] = job.Id };
    }

    private FakeJob NewJob(string commandClass, string? instanceId, Func<JsonObject?> complete, (int Code, string Text)? failure = null, Action? onFailure = null, string instanceType = "VirtualMachine")
    {
        if (_faults.FailNextJob is { } injected)
        {
            failure = injected;
            _faults.FailNextJob = null;
        }

        var job = new FakeJob
        {
            Id = NewId(),
            CommandClass = instanceType switch
            {
                "Volume" => "org.apache.cloudstack.api.command.user.volume.",
                "Snapshot" => "org.apache.cloudstack.api.command.user.snapshot.",
                _ => VmCommands,
            } + commandClass,
            InstanceId = instanceId,
            InstanceType = instanceType,
            PollsNeeded = _faults.JobsNeverFinish ? int.MaxValue : Math.Max(1, _options.PollsToComplete),
            Complete = complete,
            Failure = failure,
            OnFailure = onFailure,
            Created = Now,
        };
        _jobs[job.Id] = job;
        return job;
    }

    private JsonObject QueryJob(FakeCall call)
    {
        var id = call.Require("jobid");
        var job = _jobs.GetValueOrDefault(id) ?? throw new FakeApiException(431, $"Unable to execute API command queryasyncjobresult due to invalid value. Invalid parameter jobid value={id} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");
        if (job.Status == 0 && ++job.Polls >= job.PollsNeeded)
        {
            job.Completed = Now;
            if (job.Failure is { } failure)
            {
                job.Status = 2;
                job.OnFailure?.Invoke();
                job.Result = new JsonObject { ["errorcode"] = failure.Code, ["errortext"] = failure.Text };
            }
            else
            {
                job.Status = 1;
                job.Result = job.Complete();
            }
        }

        var answer = new JsonObject
        {
            ["jobid"] = job.Id,
            ["accountid"] = "acc-" + FakeSeed.Account,
            ["userid"] = "usr-" + FakeSeed.Account,
            ["cmd"] = job.CommandClass,
            ["jobstatus"] = job.Status,
            ["jobprocstatus"] = 0,
            ["jobresultcode"] = job.Status == 2 ? 530 : 0,
            ["jobinstancetype"] = job.InstanceType,
            ["jobinstanceid"] = job.InstanceId,
            ["created"] = Time(job.Created),
        };
        if (job.Status != 0)
        {
            answer["jobresulttype"] = "object";
            answer["jobresult"] = job.Result?.DeepClone();
            answer["completed"] = Time(job.Completed!.Value);
        }

        return answer;
    }
}
