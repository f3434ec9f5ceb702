using System.Text.Json;
using System.Text.RegularExpressions;
using Bastion.Providers.CloudStack.Api;
using static Bastion.Providers.CloudStack.Api.CloudStackText;

namespace Bastion.Providers.CloudStack.Vms;

/// <summary>One cloudstack_vm_control call's arguments (null: not given), and which actions take which.</summary>
internal sealed record VmRequest(
    VmAction Action,
    string? Vm = null,
    string? ZoneId = null,
    string? TemplateId = null,
    string? ServiceOfferingId = null,
    string? Name = null,
    string? DisplayName = null,
    string[]? NetworkIds = null,
    string? Keypair = null,
    bool? StartVm = null,
    bool? Forced = null,
    bool? Expunge = null)
{
    private static readonly VmAction[] OnAVm = [VmAction.Start, VmAction.Stop, VmAction.Reboot, VmAction.Destroy];

    /// <summary>The request as a call's arguments give it (the schema checked their types); null when the action is missing or unknown.</summary>
    public static VmRequest? From(IReadOnlyDictionary<string, JsonElement> arguments)
    {
        string? Str(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        bool? Flag(string name) => arguments.TryGetValue(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
        if (!Enum.TryParse<VmAction>(Str("action"), ignoreCase: true, out var action))
        {
            return null;
        }

        var networks = arguments.TryGetValue("network_ids", out var n) && n.ValueKind == JsonValueKind.Array
            ? n.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() ?? string.Empty : e.GetRawText()).ToArray()
            : null;
        return new VmRequest(action, Str("vm"), Str("zone_id"), Str("template_id"), Str("service_offering_id"), Str("name"), Str("display_name"), networks, Str("keypair"), Flag("start_vm"), Flag("forced"), Flag("expunge"));
    }

    /// <summary>The action as the call names it.</summary>
    public string ActionName => Action.ToString().ToLowerInvariant();

    /// <summary>Which actions take and need each optional argument.</summary>
    private static readonly ParameterUse<VmAction> Use = new ParameterUse<VmAction>(
        "action",
        ("vm", OnAVm),
        ("zone_id", [VmAction.Deploy]),
        ("template_id", [VmAction.Deploy]),
        ("service_offering_id", [VmAction.Deploy]),
        ("name", [VmAction.Deploy]),
        ("display_name", [VmAction.Deploy]),
        ("network_ids", [VmAction.Deploy]),
        ("keypair", [VmAction.Deploy]),
        ("start_vm", [VmAction.Deploy]),
        ("forced", [VmAction.Stop]),
        ("expunge", [VmAction.Destroy]))
        .Needs("vm", OnAVm, "the VM's id or exact name, at most 255 characters")
        .Needs("zone_id", [VmAction.Deploy], "a zone's id (cloudstack_list resource=zones)")
        .Needs("template_id", [VmAction.Deploy], "a template's id (cloudstack_list resource=templates)")
        .Needs("service_offering_id", [VmAction.Deploy], "a service offering's id (cloudstack_list resource=offerings)");

    /// <exception cref="Bastion.Core.BastionException">An argument the action does not take, or a missing one it needs; the message names it. Nothing is sent.</exception>
    /// <exception cref="PlatformException">A malformed argument; the message names them. Nothing is sent.</exception>
    public void Check()
    {
        Use.Check(
            Action, ("vm", Vm), ("zone_id", ZoneId), ("template_id", TemplateId), ("service_offering_id", ServiceOfferingId), ("name", Name), ("display_name", DisplayName),
            ("network_ids", NetworkIds), ("keypair", Keypair), ("start_vm", StartVm), ("forced", Forced), ("expunge", Expunge));
        var problems = new List<string>();
        if (Action == VmAction.Deploy)
        {
            foreach (var (argument, value) in new[] { ("zone_id", ZoneId!), ("template_id", TemplateId!), ("service_offering_id", ServiceOfferingId!) })
            {
                if (!Matches(value, IdPattern))
                {
                    problems.Add($"{argument} must be a CloudStack id (letters, digits and '-', at most 64), not '{value}'");
                }
            }

            if (NetworkIds?.FirstOrDefault(id => !Matches(id, IdPattern)) is { } bad)
            {
                problems.Add($"network id '{bad}' is not an id; take ids from cloudstack_list resource=networks");
            }

            if (Name is not null && !Matches(Name, "^[A-Za-z][A-Za-z0-9-]{0,62}$"))
            {
                problems.Add($"name must be a host name (a letter, then letters, digits or '-', at most 63), not '{Name}'");
            }

            if (DisplayName is { Length: > 255 } || Keypair is { Length: > 255 })
            {
                problems.Add("display_name and keypair are at most 255 characters");
            }
        }
        else if (Vm is { Length: > 255 })
        {
            problems.Add("vm must be the VM's id or exact name, at most 255 characters");
        }

        if (problems.Count > 0)
        {
            throw new PlatformException(CloudStackClient.Platform, string.Join("; ", problems) + ". Nothing was sent.");
        }
    }

    private static bool Matches(string value, string pattern) => Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
}
