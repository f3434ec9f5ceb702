using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>
/// The APIs the fake serves, described as <c>listApis</c> describes them (name, description, isasync, since, params with
/// name, type, required, length and description; response fields left out): what a caller may call, and what listApis
/// answers for its role (admin: all; user: those marked for users). Descriptions and types follow the CloudStack 4.x API
/// reference; the fake holds only the parameters it reads plus the paging ones.
/// </summary>
internal static class FakeApis
{
    private const string Uuid = "uuid";
    private const string Str = "string";
    private const string Bool = "boolean";
    private const string Int = "integer";
    private const string Long = "long";
    private const string Date = "date";
    private const string List = "list";
    private const string Map = "map";

    /// <summary>Every API the fake serves, by name (case-sensitive, as CloudStack matches commands).</summary>
    public static IReadOnlyDictionary<string, Api> All { get; } = Build().ToDictionary(a => a.Name, StringComparer.Ordinal);

    /// <summary>The listApis entry of <paramref name="api"/>.</summary>
    public static JsonObject ToJson(Api api) => new()
    {
        ["name"] = api.Name,
        ["description"] = api.Description,
        ["isasync"] = api.IsAsync,
        ["since"] = api.Since,
        ["related"] = string.Empty,
        ["params"] = new JsonArray([.. api.Params.Select(p => (JsonNode)new JsonObject
        {
            ["name"] = p.Name,
            ["description"] = p.Description,
            ["type"] = p.Type,
            ["length"] = p.Length,
            ["required"] = p.Required,
        })]),
        ["response"] = new JsonArray(),
    };

    private static IEnumerable<Api> Build()
    {
        var paging = new[] { P("page", Int, "the page number"), P("pagesize", Int, "the number of items per page"), P("keyword", Str, "List by keyword") };
        Api Lister(string name, string description, bool users, params Param[] more) => new(name, description, false, users, "3.0.0", [.. more, .. paging]);

        yield return new("login", "Logs a user into the CloudStack. A successful login attempt will generate a JSESSIONID cookie value that can be passed in subsequent Query command calls until the \"logout\" command has been issued or the session has expired.", false, true, null,
            [P("username", Str, "Username", required: true), P("password", Str, "Hashed password (Default is MD5). If you wish to use any other hashing algorithm, you would need to write a custom authentication adapter See Docs section.", required: true), P("domain", Str, "Path of the domain that the user belongs to. Example: domain=/com/cloud/internal. If no domain is passed in, the ROOT (/) domain is assumed.")]);
        yield return new("logout", "Logs out the user", false, true, null, []);
        yield return new("listApis", "lists all available apis on the server, provided by the Api Discovery plugin", false, true, "4.1.0", [P("name", Str, "API name")]);
        yield return new("queryAsyncJobResult", "Retrieves the current status of asynchronous job.", false, true, null, [P("jobid", Uuid, "the ID of the asynchronous job", required: true)]);

        yield return Lister("listZones", "Lists zones", true, P("id", Uuid, "the ID of the zone"), P("name", Str, "the name of the zone"), P("available", Bool, "true if you want to retrieve all available Zones. False if you only want to return the Zones from which you have at least one VM. Default is false."));
        yield return Lister("listTemplates", "List all public, private, and privileged templates.", true, P("templatefilter", Str, "possible values are \"featured\", \"self\", \"selfexecutable\",\"sharedexecutable\",\"executable\", and \"community\".", required: true), P("id", Uuid, "the template ID"), P("zoneid", Uuid, "list templates by zoneId"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller"));
        yield return Lister("listServiceOfferings", "Lists all available service offerings.", true, P("id", Uuid, "ID of the service offering"), P("name", Str, "name of the service offering"), P("zoneid", Uuid, "id of zone disk offering is associated with"), P("virtualmachineid", Uuid, "the ID of the virtual machine. Pass this in if you want to see the available service offering that a virtual machine can be changed to."));
        yield return Lister("listNetworks", "Lists all available networks.", true, P("id", Uuid, "list networks by ID"), P("zoneid", Uuid, "the zone ID of the network"), P("type", Str, "the type of the network. Supported values are: isolated, l2, shared and all"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller"));
        var vmFilters = new[] { P("id", Uuid, "the ID of the virtual machine"), P("ids", List, "the IDs of the virtual machines, mutually exclusive with id"), P("name", Str, "name of the virtual machine (a substring match is not done)"), P("state", Str, "state of the virtual machine. Possible values are: Running, Stopped, Present, Destroyed, Expunged. Present is used for the state equal not destroyed."), P("zoneid", Uuid, "the availability zone ID"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller") };
        yield return Lister("listVirtualMachines", "List the virtual machines owned by the account.", true, vmFilters);
        yield return Lister("listVirtualMachinesMetrics", "Lists VM metrics", true, vmFilters) with { Since = "4.9.3" };
        yield return Lister("listVirtualMachinesUsageHistory", "Lists VM stats", true, P("id", Uuid, "the ID of the virtual machine."), P("ids", List, "the IDs of the virtual machines, mutually exclusive with id."), P("name", Str, "name of the virtual machine (a substring match is not done)."), P("startdate", Date, "start date to filter VM stats."), P("enddate", Date, "end date to filter VM stats.")) with { Since = "4.17" };
        yield return Lister("listVolumes", "Lists all volumes.", true, P("id", Uuid, "the ID of the disk volume"), P("virtualmachineid", Uuid, "the ID of the virtual machine"), P("type", Str, "the type of disk volume"), P("zoneid", Uuid, "the ID of the availability zone"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller"));
        yield return Lister("listSnapshots", "Lists all available snapshots for the account.", true, P("id", Uuid, "lists snapshot by snapshot ID"), P("volumeid", Uuid, "the ID of the disk volume"), P("snapshottype", Str, "valid values are MANUAL or RECURRING."), P("zoneid", Uuid, "list snapshots by zone id"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller"));
        yield return Lister("listEvents", "A command to list events.", true, P("type", Str, "the event type (see event types)"), P("level", Str, "the event level (INFO, WARN, ERROR)"), P("startdate", Date, "the start date range of the list you want to retrieve (use format \"yyyy-MM-dd\" or the new format \"yyyy-MM-dd HH:mm:ss\")"), P("enddate", Date, "the end date range of the list you want to retrieve (use format \"yyyy-MM-dd\" or the new format \"yyyy-MM-dd HH:mm:ss\")"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller"));
        yield return Lister("listAlerts", "Lists all alerts.", false, P("id", Uuid, "the ID of the alert"), P("type", Str, "list by alert type"), P("name", Str, "list by alert name"));
        yield return Lister("listCapacity", "Lists all the system wide capacities.", false, P("zoneid", Uuid, "lists capacity by the Zone ID"), P("type", Int, "lists capacity by type* CAPACITY_TYPE_MEMORY = 0* CAPACITY_TYPE_CPU = 1* CAPACITY_TYPE_STORAGE = 2* CAPACITY_TYPE_STORAGE_ALLOCATED = 3* CAPACITY_TYPE_VIRTUAL_NETWORK_PUBLIC_IP = 4* CAPACITY_TYPE_PRIVATE_IP = 5* CAPACITY_TYPE_SECONDARY_STORAGE = 6* CAPACITY_TYPE_VLAN = 7* CAPACITY_TYPE_DIRECT_ATTACHED_PUBLIC_IP = 8* CAPACITY_TYPE_LOCAL_STORAGE = 9."), P("sortby", Str, "Sort the results. Available values: Usage"));
        yield return Lister("listUsers", "Lists user accounts", true, P("id", Uuid, "List user by ID."), P("username", Str, "List user by the username"), P("account", Str, "list resources by account. Must be used with the domainId parameter."), P("domainid", Uuid, "list only resources belonging to the domain specified"), P("listall", Bool, "If set to false, list only resources belonging to the command's caller"));

        yield return new("deployVirtualMachine", "Creates and automatically starts a virtual machine based on a service offering, disk offering, and template.", true, true, null,
            [P("zoneid", Uuid, "availability zone for the virtual machine", required: true), P("serviceofferingid", Uuid, "the ID of the service offering for the virtual machine", required: true), P("templateid", Uuid, "the ID of the template for the virtual machine", required: true), P("name", Str, "host name for the virtual machine", length: 63), P("displayname", Str, "an optional user generated name for the virtual machine", length: 255), P("networkids", List, "list of network ids used by virtual machine. Can't be specified with ipToNetworkList parameter"), P("keypair", Str, "name of the ssh key pair used to login to the virtual machine"), P("startvm", Bool, "true if start vm after creating; defaulted to true if not specified"), P("details", Map, "used to specify the custom parameters. 'extraconfig' is not allowed to be passed in details")]);
        yield return new("startVirtualMachine", "Starts a virtual machine.", true, true, null, [P("id", Uuid, "The ID of the virtual machine", required: true)]);
        yield return new("stopVirtualMachine", "Stops a virtual machine.", true, true, null, [P("id", Uuid, "The ID of the virtual machine", required: true), P("forced", Bool, "Force stop the VM (vm is marked as Stopped even when command fails to be send to the backend, otherwise a force poweroff is attempted). To be used if the caller knows the VM is stopped and should be marked as such.")]);
        yield return new("rebootVirtualMachine", "Reboots a virtual machine.", true, true, null, [P("id", Uuid, "The ID of the virtual machine", required: true)]);
        yield return new("destroyVirtualMachine", "Destroys a virtual machine.", true, true, null, [P("id", Uuid, "The ID of the virtual machine", required: true), P("expunge", Bool, "If true is passed, the vm is expunged immediately. False by default.")]);
        yield return new("attachVolume", "Attaches a disk volume to a virtual machine.", true, true, null, [P("id", Uuid, "the ID of the disk volume", required: true), P("virtualmachineid", Uuid, "the ID of the virtual machine", required: true), P("deviceid", Long, "The ID of the device to map the volume to the guest OS. If no deviceID is informed, the next available deviceID will be chosen. Use 0 when volume needs to be attached as ROOT.")]);
        yield return new("detachVolume", "Detaches a disk volume from a virtual machine.", true, true, null, [P("id", Uuid, "the ID of the disk volume"), P("virtualmachineid", Uuid, "the ID of the virtual machine where the volume is detached from"), P("deviceid", Long, "the device ID on the virtual machine where volume is detached from")]);
        yield return new("resizeVolume", "Resizes a volume", true, true, "4.2", [P("id", Uuid, "the ID of the disk volume", required: true), P("size", Long, "New volume size in GB"), P("shrinkok", Bool, "Verify OK to Shrink"), P("diskofferingid", Uuid, "new disk offering id")]);
        yield return new("createSnapshot", "Creates an instant snapshot of a volume.", true, true, null, [P("volumeid", Uuid, "The ID of the disk volume", required: true), P("name", Str, "the name of the snapshot"), P("quiescevm", Bool, "quiesce vm if true"), P("asyncbackup", Bool, "asynchronous backup if true")]);
        yield return new("createUser", "Creates a user for an account that already exists", false, false, null,
            [P("account", Str, "Creates the user under the specified account. If no account is specified, the username will be used as the account name.", required: true), P("email", Str, "email", required: true), P("firstname", Str, "firstname", required: true), P("lastname", Str, "lastname", required: true), P("password", Str, "Clear text password (Default hashed to SHA256SALT). If you wish to use any other hashing algorithm, you would need to write a custom authentication adapter See Docs section.", required: true), P("username", Str, "Unique username.", required: true), P("domainid", Uuid, "Creates the user under the specified domain. Has to be accompanied with the account parameter"), P("timezone", Str, "Specifies a timezone for this command. For more information on the timezone parameter, see Time Zone Format.")]);
        yield return new("registerUserKeys", "This command allows a user to register for the developer API, returning a secret key and an API key. This request is made through the integration API port, so it is a privileged command and must be made on behalf of a user. It is up to the implementer just how the username and password are entered, and then how that translates to an integration API request. Both secret key and API key should be returned to the user", false, true, null, [P("id", Uuid, "User id", required: true)]);
        yield return new("getUserKeys", "This command allows the user to query the seceret and API keys for the account", false, true, "4.10.0", [P("id", Uuid, "ID of the user whose keys are required", required: true)]);
    }

    private static Param P(string name, string type, string description, bool required = false, int length = 255) => new(name, type, required, description, length);

    /// <summary>One API: whether ordinary users may call it, and its parameters.</summary>
    internal sealed record Api(string Name, string Description, bool IsAsync, bool ForUsers, string? Since, IReadOnlyList<Param> Params);

    /// <summary>One parameter as listApis gives it.</summary>
    internal sealed record Param(string Name, string Type, bool Required, string Description, int Length);
}
