using System.Text.Json.Nodes;

namespace Bastion.Fakes.CloudStack;

/// <summary>A VM in the fake's state.</summary>
public sealed class FakeVm
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public string? DisplayName { get; set; }
    public required string State { get; set; }
    public required string ZoneId { get; init; }
    public required string TemplateId { get; init; }
    public required string OfferingId { get; init; }
    public string Account { get; init; } = FakeSeed.Account;
    public string? NetworkId { get; init; }
    public string? IpAddress { get; init; }
    public DateTimeOffset Created { get; init; }

    internal JsonObject ToJson(FakeCloud cloud)
    {
        var zone = cloud.Zone(ZoneId);
        var template = cloud.Template(TemplateId);
        var offering = cloud.Offering(OfferingId);
        var vm = new JsonObject
        {
            ["id"] = Id,
            ["name"] = Name,
            ["displayname"] = DisplayName ?? Name,
            ["account"] = Account,
            ["domain"] = "ROOT",
            ["state"] = State,
            ["zoneid"] = ZoneId,
            ["zonename"] = zone?["name"]?.GetValue<string>(),
            ["templateid"] = TemplateId,
            ["templatename"] = template?["name"]?.GetValue<string>(),
            ["serviceofferingid"] = OfferingId,
            ["serviceofferingname"] = offering?["name"]?.GetValue<string>(),
            ["cpunumber"] = offering?["cpunumber"]?.DeepClone(),
            ["cpuspeed"] = offering?["cpuspeed"]?.DeepClone(),
            ["memory"] = offering?["memory"]?.DeepClone(),
            ["hypervisor"] = "KVM",
            ["created"] = FakeCloud.Time(Created),
        };
        if (NetworkId is not null)
        {
            var network = cloud.Network(NetworkId);
            vm["nic"] = new JsonArray(new JsonObject
            {
                ["id"] = "n-" + Id[..8],
                ["networkid"] = NetworkId,
                ["networkname"] = network?["name"]?.GetValue<string>(),
                ["ipaddress"] = IpAddress,
                ["isdefault"] = true,
                ["macaddress"] = "02:00:" + string.Join(':', Id.Replace("-", string.Empty, StringComparison.Ordinal)[..8].Chunk(2).Select(c => new string(c))),
            });
        }

        return vm;
    }
}
