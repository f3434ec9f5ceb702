using System.Globalization;
using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

public sealed partial class FakeCloud
{
    private static readonly HashSet<string> _templateFilters = new(StringComparer.Ordinal) { "featured", "self", "selfexecutable", "sharedexecutable", "executable", "community", "all" };

    /// <summary>
    /// A page of <paramref name="items"/> the way BaseListCmd gives it: page and pagesize together or neither (431
    /// otherwise), pagesize at most the maximum (431), count = all matches, and an empty result as <c>{}</c>.
    /// </summary>
    private JsonObject Page(FakeCall call, IEnumerable<JsonObject> items, string key)
    {
        var (page, size) = (call.Get("page"), call.Get("pagesize"));
        if (size is not null && page is null)
        {
            throw new FakeApiException(431, "\"page\" parameter is required when \"pagesize\" is specified");
        }

        if (page is not null && size is null)
        {
            throw new FakeApiException(431, "\"pagesize\" parameter is required when \"page\" is specified");
        }

        int pageNumber = 1, pageSize = _options.DefaultPageSize;
        if (page is not null)
        {
            if (!int.TryParse(page, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageNumber) || pageNumber < 1)
            {
                throw new FakeApiException(431, $"Unable to execute API command {call.Command.ToLowerInvariant()} due to invalid value. Invalid parameter page value={page} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.");
            }

            if (!int.TryParse(size, NumberStyles.Integer, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1)
            {
                throw new FakeApiException(431, $"Page size must be a positive number: {size}");
            }

            if (pageSize > _options.MaxPageSize)
            {
                throw new FakeApiException(431, $"Page size can't exceed max allowed page size value: {_options.MaxPageSize}");
            }
        }

        var all = items.ToList();
        var slice = all.Skip((pageNumber - 1) * pageSize).Take(pageSize).Select(i => (JsonNode)i.DeepClone()).ToArray();
        return all.Count == 0 ? new JsonObject() : new JsonObject { ["count"] = all.Count, [key] = new JsonArray(slice) };
    }

    private static bool Matches(JsonObject item, FakeCall call, params string[] fields) =>
        call.Get("keyword") is not { } keyword
        || fields.Any(f => item[f]?.GetValue<string>()?.Contains(keyword, StringComparison.OrdinalIgnoreCase) == true);

    private static bool Is(JsonObject item, string field, string? wanted) =>
        wanted is null || string.Equals(item[field]?.ToString(), wanted, StringComparison.OrdinalIgnoreCase);

    private JsonObject ListZones(FakeCall call) => Page(
        call,
        _zones.Where(z => call.Flag("available") || (string?)z["allocationstate"] == "Enabled")
            .Where(z => Is(z, "id", call.Get("id")) && Is(z, "name", call.Get("name")) && Matches(z, call, "name")),
        "zone");

    private JsonObject ListTemplates(FakeCall call)
    {
        var filter = call.Require("templatefilter");
        if (!_templateFilters.Contains(filter))
        {
            throw new FakeApiException(431, $"Unable to execute API command listtemplates due to invalid value. Invalid parameter templatefilter value={filter}; use one of {string.Join(", ", _templateFilters)}");
        }

        bool Owned(JsonObject t) => (string?)t["account"] == FakeSeed.Account;
        bool Flag(JsonObject t, string f) => t[f]?.GetValue<bool>() == true;
        bool Selected(JsonObject t) => filter switch
        {
            "featured" => Flag(t, "isfeatured"),
            "self" => Owned(t),
            "selfexecutable" => Owned(t) && Flag(t, "isready"),
            "sharedexecutable" => false,
            "executable" => Flag(t, "isready") && (Owned(t) || Flag(t, "ispublic") || Flag(t, "isfeatured")),
            "community" => Flag(t, "ispublic") && !Flag(t, "isfeatured"),
            _ => true,
        };
        return Page(call, _templates.Where(t => Selected(t) && Is(t, "zoneid", call.Get("zoneid")) && Is(t, "id", call.Get("id")) && Matches(t, call, "name", "displaytext")), "template");
    }

    private JsonObject ListOfferings(FakeCall call)
    {
        IEnumerable<JsonObject> offerings = _offerings;
        if (call.Get("virtualmachineid") is { } vmId)
        {
            var vm = _vms.FirstOrDefault(v => v.Id == vmId) ?? throw new FakeApiException(431, $"Unable to find virtual machine with id {vmId}");
            offerings = offerings.Where(o => (string?)o["id"] != vm.OfferingId);
        }

        return Page(call, offerings.Where(o => Is(o, "id", call.Get("id")) && Is(o, "name", call.Get("name")) && Matches(o, call, "name", "displaytext")), "serviceoffering");
    }

    private JsonObject ListNetworks(FakeCall call) => Page(
        call,
        _networks.Where(n => Is(n, "zoneid", call.Get("zoneid")) && Is(n, "type", call.Get("type")) && Is(n, "id", call.Get("id")) && Matches(n, call, "name", "displaytext")),
        "network");

    private JsonObject ListVms(FakeCall call) => Page(
        call,
        _vms.Where(v => call.ListAll || v.Account == FakeSeed.Account)
            .Where(v => call.Get("id") is not { } id || v.Id == id)
            .Where(v => call.Get("name") is not { } name || string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
            .Where(v => call.Get("state") is not { } state || string.Equals(v.State, state, StringComparison.OrdinalIgnoreCase))
            .Where(v => call.Get("zoneid") is not { } zone || v.ZoneId == zone)
            .Select(v => v.ToJson(this))
            .Where(v => Matches(v, call, "name", "displayname")),
        "virtualmachine");

    private JsonObject ListVolumes(FakeCall call) => Page(
        call,
        _volumes.Where(v => call.ListAll || (string?)v["account"] == FakeSeed.Account)
            .Where(v => Is(v, "virtualmachineid", call.Get("virtualmachineid")) && Is(v, "type", call.Get("type")) && Is(v, "zoneid", call.Get("zoneid")) && Is(v, "id", call.Get("id")) && Matches(v, call, "name")),
        "volume");

    private JsonObject ListEvents(FakeCall call) => Page(
        call,
        _events.Where(e => call.ListAll || (string?)e["account"] == FakeSeed.Account)
            .Where(e => Is(e, "type", call.Get("type")) && Is(e, "level", call.Get("level")) && Matches(e, call, "description", "type")),
        "event");

    private JsonObject ListAlerts(FakeCall call) => Page(call, _alerts.Where(a => Is(a, "type", call.Get("type")) && Matches(a, call, "name", "description")), "alert");

    private JsonObject ListCapacity(FakeCall call)
    {
        var rows = _capacity.Where(c => Is(c, "zoneid", call.Get("zoneid")) && Is(c, "type", call.Get("type")));
        if (call.Get("sortby") == "usage")
        {
            rows = rows.OrderByDescending(c => double.Parse(c["percentused"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        }

        return Page(call, rows, "capacity");
    }
}
