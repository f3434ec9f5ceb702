using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// What the fake cloud holds and how its commands behave: zones, templates, service offerings, networks, VMs, volumes,
/// events, alerts, capacity and async jobs. Thread-safe (one lock). Seeded with <see cref="FakeSeed"/>'s values.
/// </summary>
public sealed partial class FakeCloud
{
    private readonly Lock _gate = new();
    private readonly CloudStackFakeOptions _options;
    private readonly FakeFaults _faults;
    private readonly List<JsonObject> _zones = [];
    private readonly List<JsonObject> _templates = [];
    private readonly List<JsonObject> _offerings = [];
    private readonly List<JsonObject> _networks = [];
    private readonly List<FakeVm> _vms = [];
    private readonly List<JsonObject> _volumes = [];
    private readonly List<JsonObject> _events = [];
    private readonly List<JsonObject> _alerts = [];
    private readonly List<JsonObject> _capacity = [];
    private readonly Dictionary<string, FakeJob> _jobs = new(StringComparer.Ordinal);
    private readonly List<FakeUser> _users = [];
    private readonly List<JsonObject> _snapshots = [];
    private int _nextIp = 100;

    internal FakeCloud(CloudStackFakeOptions options, FakeFaults faults)
    {
        _options = options;
        _faults = faults;
        Seed();
    }

    private DateTimeOffset Now => _options.Clock.GetUtcNow();

    /// <summary>The VMs now (copies of their state).</summary>
    public IReadOnlyList<FakeVm> Vms
    {
        get
        {
            lock (_gate)
            {
                return [.. _vms];
            }
        }
    }

    /// <summary>Adds a VM (for tests that need more, e.g. many VMs for pagination).</summary>
    public void AddVm(string name, string state = "Running", string zoneId = FakeSeed.ZoneA, string? ip = null, string account = FakeSeed.Account)
    {
        lock (_gate)
        {
            var networkId = zoneId == FakeSeed.ZoneA ? FakeSeed.NetworkA : FakeSeed.NetworkB;
            _vms.Add(new FakeVm
            {
                Id = NewId(),
                Name = name,
                State = state,
                ZoneId = zoneId,
                TemplateId = FakeSeed.TemplateUbuntu,
                OfferingId = FakeSeed.OfferingSmall,
                Account = account,
                NetworkId = networkId,
                IpAddress = ip ?? NextIp(zoneId),
                Created = Now,
            });
        }
    }

    /// <summary>Async jobs created so far.</summary>
    public int JobCount
    {
        get
        {
            lock (_gate)
            {
                return _jobs.Count;
            }
        }
    }

    internal JsonObject? Zone(string id) => _zones.FirstOrDefault(z => (string?)z["id"] == id);

    internal JsonObject? Template(string id) => _templates.FirstOrDefault(t => (string?)t["id"] == id);

    internal JsonObject? Offering(string id) => _offerings.FirstOrDefault(o => (string?)o["id"] == id);

    internal JsonObject? Network(string id) => _networks.FirstOrDefault(n => (string?)n["id"] == id);

    /// <summary>Runs <paramref name="call"/> and returns the inner object of its answer.</summary>
    internal JsonObject Execute(FakeCall call)
    {
        lock (_gate)
        {
            return call.Command switch
            {
                "listZones" => ListZones(call),
                "listTemplates" => ListTemplates(call),
                "listServiceOfferings" => ListOfferings(call),
                "listNetworks" => ListNetworks(call),
                "listVirtualMachines" => ListVms(call),
                "listVolumes" => ListVolumes(call),
                "listEvents" => ListEvents(call),
                "listAlerts" => ListAlerts(call),
                "listCapacity" => ListCapacity(call),
                "listVirtualMachinesUsageHistory" => _options.UsageHistory ? UsageHistory(call) : throw FakeApiException.NoSuchCommand(call.Command),
                "queryAsyncJobResult" => QueryJob(call),
                "deployVirtualMachine" => Deploy(call),
                "startVirtualMachine" => Start(call),
                "stopVirtualMachine" => Stop(call),
                "rebootVirtualMachine" => Reboot(call),
                "destroyVirtualMachine" => Destroy(call),
                "listApis" => ListApis(call),
                "listUsers" => ListUsers(call),
                "createUser" => CreateUser(call),
                "registerUserKeys" => RegisterKeys(call),
                "getUserKeys" => GetKeys(call),
                "listVirtualMachinesMetrics" => ListVmMetrics(call),
                "listSnapshots" => ListSnapshots(call),
                "attachVolume" => AttachVolume(call),
                "detachVolume" => DetachVolume(call),
                "resizeVolume" => ResizeVolume(call),
                "createSnapshot" => CreateSnapshot(call),
                _ => throw FakeApiException.NoSuchCommand(call.Command),
            };
        }
    }

    internal static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture) + "+0000";

    internal static string NewId() => Guid.NewGuid().ToString();

    internal static string NewSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string NextIp(string zoneId) => $"{(zoneId == FakeSeed.ZoneA ? "10.1.1" : "10.2.0")}.{_nextIp++}";

    private void AddEvent(string type, string level, string description, string account = FakeSeed.Account) =>
        _events.Insert(0, new JsonObject
        {
            ["id"] = NewId(),
            ["type"] = type,
            ["level"] = level,
            ["description"] = description,
            ["state"] = "Completed",
            ["created"] = Time(Now),
            ["username"] = _options.Username,
            ["account"] = account,
            ["domain"] = "ROOT",
        });

    private void Seed()
    {
        var created = Now.AddDays(-30);
        _users.Add(new FakeUser
        {
            Id = "usr-" + FakeSeed.Account,
            Username = _options.Username,
            Password = _options.Password,
            Account = FakeSeed.Account,
            Email = "ops-bot@example.org",
            FirstName = "Ops",
            LastName = "Bot",
            RoleType = "Admin",
            ApiKey = _options.ApiKey,
            SecretKey = _options.SecretKey,
            Created = created,
        });
        _zones.Add(new JsonObject { ["id"] = FakeSeed.ZoneA, ["name"] = "zone-a", ["networktype"] = "Advanced", ["allocationstate"] = "Enabled", ["dns1"] = "10.0.0.53", ["localstorageenabled"] = false, ["securitygroupsenabled"] = false });
        _zones.Add(new JsonObject { ["id"] = FakeSeed.ZoneB, ["name"] = "zone-b", ["networktype"] = "Basic", ["allocationstate"] = "Enabled", ["dns1"] = "10.0.0.53", ["localstorageenabled"] = true, ["securitygroupsenabled"] = true });
        _zones.Add(new JsonObject { ["id"] = FakeSeed.ZoneDisabled, ["name"] = "zone-old", ["networktype"] = "Advanced", ["allocationstate"] = "Disabled", ["dns1"] = "10.0.0.53", ["localstorageenabled"] = false, ["securitygroupsenabled"] = false });

        _templates.Add(Template(FakeSeed.TemplateUbuntu, "ubuntu-22.04", "Ubuntu 22.04 LTS", FakeSeed.ZoneA, featured: true, isPublic: true, ready: true, owned: false, password: true));
        _templates.Add(Template(FakeSeed.TemplateDebian, "debian-12", "Debian GNU/Linux 12 (64-bit)", FakeSeed.ZoneA, featured: false, isPublic: false, ready: true, owned: true, password: false));
        _templates.Add(Template(FakeSeed.TemplateRocky, "rocky-9", "Rocky Linux 9", FakeSeed.ZoneB, featured: false, isPublic: true, ready: true, owned: false, password: false));
        _templates.Add(Template(FakeSeed.TemplateNotReady, "alma-9-uploading", "AlmaLinux 9", FakeSeed.ZoneA, featured: true, isPublic: true, ready: false, owned: false, password: false));

        _offerings.Add(new JsonObject { ["id"] = FakeSeed.OfferingSmall, ["name"] = "small", ["displaytext"] = "1 vCPU, 1 GiB", ["cpunumber"] = 1, ["cpuspeed"] = 1000, ["memory"] = 1024, ["storagetype"] = "shared", ["offerha"] = false, ["iscustomized"] = false });
        _offerings.Add(new JsonObject { ["id"] = FakeSeed.OfferingMedium, ["name"] = "medium", ["displaytext"] = "2 vCPU, 2 GiB", ["cpunumber"] = 2, ["cpuspeed"] = 2000, ["memory"] = 2048, ["storagetype"] = "shared", ["offerha"] = true, ["iscustomized"] = false });
        _offerings.Add(new JsonObject { ["id"] = FakeSeed.OfferingLarge, ["name"] = "large", ["displaytext"] = "4 vCPU, 8 GiB", ["cpunumber"] = 4, ["cpuspeed"] = 2000, ["memory"] = 8192, ["storagetype"] = "local", ["offerha"] = false, ["iscustomized"] = false });

        _networks.Add(new JsonObject { ["id"] = FakeSeed.NetworkA, ["name"] = "net-a", ["displaytext"] = "ops isolated network", ["type"] = "Isolated", ["state"] = "Implemented", ["cidr"] = "10.1.1.0/24", ["gateway"] = "10.1.1.1", ["zoneid"] = FakeSeed.ZoneA, ["zonename"] = "zone-a", ["isdefault"] = true, ["account"] = FakeSeed.Account });
        _networks.Add(new JsonObject { ["id"] = FakeSeed.NetworkShared, ["name"] = "shared-a", ["displaytext"] = "shared guest network", ["type"] = "Shared", ["state"] = "Setup", ["cidr"] = "192.168.50.0/24", ["gateway"] = "192.168.50.1", ["zoneid"] = FakeSeed.ZoneA, ["zonename"] = "zone-a", ["isdefault"] = false, ["account"] = FakeSeed.Account });
        _networks.Add(new JsonObject { ["id"] = FakeSeed.NetworkB, ["name"] = "guest-b", ["displaytext"] = "basic zone guest network", ["type"] = "Shared", ["state"] = "Setup", ["cidr"] = "10.2.0.0/24", ["gateway"] = "10.2.0.1", ["zoneid"] = FakeSeed.ZoneB, ["zonename"] = "zone-b", ["isdefault"] = true, ["account"] = FakeSeed.Account });

        void Vm(string id, string name, string state, string zone, string? network, string? ip, string account = FakeSeed.Account, string offering = FakeSeed.OfferingSmall) =>
            _vms.Add(new FakeVm { Id = id, Name = name, State = state, ZoneId = zone, TemplateId = zone == FakeSeed.ZoneA ? FakeSeed.TemplateUbuntu : FakeSeed.TemplateRocky, OfferingId = offering, Account = account, NetworkId = network, IpAddress = ip, Created = created });
        Vm(FakeSeed.VmWeb01, "web-01", "Running", FakeSeed.ZoneA, FakeSeed.NetworkA, "10.1.1.11");
        Vm(FakeSeed.VmWeb02, "web-02", "Running", FakeSeed.ZoneA, FakeSeed.NetworkA, "10.1.1.12");
        Vm(FakeSeed.VmDb01, "db-01", "Stopped", FakeSeed.ZoneA, FakeSeed.NetworkA, "10.1.1.20", offering: FakeSeed.OfferingLarge);
        Vm(FakeSeed.VmAppA, "app", "Running", FakeSeed.ZoneA, FakeSeed.NetworkA, "10.1.1.30");
        Vm(FakeSeed.VmAppB, "app", "Running", FakeSeed.ZoneB, FakeSeed.NetworkB, "10.2.0.30");
        Vm(FakeSeed.VmBatch, "batch-01", "Stopped", FakeSeed.ZoneB, null, null);
        Vm(FakeSeed.VmBilling, "billing-01", "Running", FakeSeed.ZoneA, FakeSeed.NetworkA, "10.1.1.40", FakeSeed.OtherAccount);
        foreach (var vm in _vms)
        {
            _volumes.Add(RootVolume(vm, created));
        }

        _volumes.Add(new JsonObject { ["id"] = "d1d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f", ["name"] = "data-db-01", ["type"] = "DATADISK", ["size"] = 107374182400L, ["state"] = "Ready", ["virtualmachineid"] = FakeSeed.VmDb01, ["vmname"] = "db-01", ["zoneid"] = FakeSeed.ZoneA, ["zonename"] = "zone-a", ["storage"] = "primary-a", ["created"] = Time(created), ["account"] = FakeSeed.Account });
        _volumes.Add(new JsonObject { ["id"] = "d2d2e4f6-a8b0-4c2d-9e4f-6a8b0c2d4e6f", ["name"] = "scratch", ["type"] = "DATADISK", ["size"] = 21474836480L, ["state"] = "Allocated", ["zoneid"] = FakeSeed.ZoneA, ["zonename"] = "zone-a", ["created"] = Time(created), ["account"] = FakeSeed.Account });

        _events.Add(new JsonObject { ["id"] = NewId(), ["type"] = "VM.CREATE", ["level"] = "INFO", ["description"] = "Successfully completed starting Vm. Vm Id: web-01", ["state"] = "Completed", ["created"] = Time(created), ["username"] = "admin", ["account"] = FakeSeed.Account, ["domain"] = "ROOT" });
        _events.Insert(0, new JsonObject { ["id"] = NewId(), ["type"] = "VM.STOP", ["level"] = "INFO", ["description"] = "Successfully completed stopping Vm. Vm Id: db-01", ["state"] = "Completed", ["created"] = Time(created.AddDays(1)), ["username"] = "admin", ["account"] = FakeSeed.Account, ["domain"] = "ROOT" });
        _events.Insert(0, new JsonObject { ["id"] = NewId(), ["type"] = "VM.START", ["level"] = "ERROR", ["description"] = "Error while starting Vm. Vm Id: batch-01", ["state"] = "Completed", ["created"] = Time(created.AddDays(2)), ["username"] = "admin", ["account"] = FakeSeed.Account, ["domain"] = "ROOT" });
        _events.Insert(0, new JsonObject { ["id"] = NewId(), ["type"] = "USER.LOGIN", ["level"] = "INFO", ["description"] = "user has logged in from IP Address 10.0.0.9", ["state"] = "Completed", ["created"] = Time(created.AddDays(3)), ["username"] = "admin", ["account"] = FakeSeed.Account, ["domain"] = "ROOT" });

        _alerts.Add(new JsonObject { ["id"] = NewId(), ["type"] = 0, ["name"] = "ALERT.MEMORY", ["description"] = "System Alert: Low Available Memory in cluster cluster-a pod pod-a of availability zone zone-a", ["sent"] = Time(created.AddDays(5)) });
        _alerts.Add(new JsonObject { ["id"] = NewId(), ["type"] = 2, ["name"] = "ALERT.STORAGE", ["description"] = "System Alert: Low Available Storage in cluster cluster-b pod pod-b of availability zone zone-b", ["sent"] = Time(created.AddDays(6)) });

        void Capacity(int type, long total, long used, string zone, string zoneName) =>
            _capacity.Add(new JsonObject { ["type"] = type, ["capacitytotal"] = total, ["capacityused"] = used, ["percentused"] = (used * 100.0 / total).ToString("0.##", CultureInfo.InvariantCulture), ["zoneid"] = zone, ["zonename"] = zoneName });
        Capacity(0, 274877906944L, 206158430208L, FakeSeed.ZoneA, "zone-a");
        Capacity(1, 96000, 30000, FakeSeed.ZoneA, "zone-a");
        Capacity(2, 10995116277760L, 2199023255552L, FakeSeed.ZoneA, "zone-a");
        Capacity(4, 64, 60, FakeSeed.ZoneA, "zone-a");
        Capacity(0, 137438953472L, 34359738368L, FakeSeed.ZoneB, "zone-b");
        Capacity(1, 48000, 4000, FakeSeed.ZoneB, "zone-b");
    }

    private static JsonObject Template(string id, string name, string os, string zone, bool featured, bool isPublic, bool ready, bool owned, bool password) => new()
    {
        ["id"] = id,
        ["name"] = name,
        ["displaytext"] = os,
        ["ostypename"] = os,
        ["zoneid"] = zone,
        ["zonename"] = zone == FakeSeed.ZoneA ? "zone-a" : "zone-b",
        ["size"] = 10737418240L,
        ["hypervisor"] = "KVM",
        ["format"] = "QCOW2",
        ["isready"] = ready,
        ["ispublic"] = isPublic,
        ["isfeatured"] = featured,
        ["passwordenabled"] = password,
        ["account"] = owned ? FakeSeed.Account : "system",
        ["templatetype"] = "USER",
        ["created"] = "2025-10-01T08:00:00+0000",
    };

    private JsonObject RootVolume(FakeVm vm, DateTimeOffset created) => new()
    {
        ["id"] = NewId(),
        ["name"] = "ROOT-" + vm.Name,
        ["type"] = "ROOT",
        ["size"] = 10737418240L,
        ["state"] = "Ready",
        ["virtualmachineid"] = vm.Id,
        ["vmname"] = vm.Name,
        ["zoneid"] = vm.ZoneId,
        ["zonename"] = Zone(vm.ZoneId)?["name"]?.GetValue<string>(),
        ["storage"] = vm.ZoneId == FakeSeed.ZoneA ? "primary-a" : "primary-b",
        ["created"] = Time(created),
        ["account"] = vm.Account,
    };
}
