using System.Globalization;
using System.Text.RegularExpressions;
using Bastion.Providers.CloudStack.Api;
using Bastion.Providers.CloudStack.Apis;
using Bastion.Providers.CloudStack.Infrastructure;
using Bastion.Providers.CloudStack.Jobs;
using Bastion.Providers.CloudStack.Monitoring;
using Bastion.Providers.CloudStack.Vms;
using Bastion.Providers.CloudStack.Volumes;
using Bastion.Core.Progress;
using static Bastion.Providers.CloudStack.Api.CloudStackText;
using R = Bastion.Providers.CloudStack.Reads.CloudStackResource;

namespace Bastion.Providers.CloudStack.Reads;

/// <summary>
/// Everything cloudstack_list reads: checks that each given argument is one the resource takes (<see cref="ParameterUse{TChoice}"/>)
/// and has a value it accepts, then calls the CloudStack API behind the resource (see <see cref="CloudStackResource"/>). Nothing is sent
/// when an argument is wrong; the error names the resources that take it, or the values accepted.
/// </summary>
internal sealed class CloudStackReads(CloudStackClient client, CloudStackApiCalls apis)
{
    /// <summary>Which resources take each argument (resource itself is always taken), and which need one.</summary>
    private static readonly ParameterUse<CloudStackResource> Use = new ParameterUse<CloudStackResource>(
        "resource",
        ("vm", [R.Vms, R.VmMetrics, R.Offerings, R.Volumes]),
        ("zone_id", [R.Templates, R.Offerings, R.Networks, R.Vms, R.VmMetrics, R.Volumes, R.Snapshots, R.Capacity]),
        ("volume_id", [R.Snapshots]),
        ("job_id", [R.Job]),
        ("keyword", [R.Zones, R.Templates, R.Offerings, R.Networks, R.Vms, R.Volumes, R.Snapshots, R.Events, R.Alerts, R.Apis]),
        ("type", [R.Networks, R.Volumes, R.Snapshots, R.Events, R.Alerts, R.Capacity]),
        ("state", [R.Vms, R.VmMetrics]),
        ("filter", [R.Templates]),
        ("level", [R.Events]),
        ("start_date", [R.Events]),
        ("end_date", [R.Events]),
        ("list_all", [R.Zones, R.Networks, R.Vms, R.Volumes, R.Snapshots, R.Events]),
        ("by_usage", [R.Capacity]),
        ("detail", [R.Apis]),
        ("wait", [R.Job]),
        ("limit", [R.Zones, R.Templates, R.Offerings, R.Networks, R.Vms, R.VmMetrics, R.Volumes, R.Snapshots, R.Events, R.Alerts, R.Capacity, R.Apis]))
        .Needs("job_id", [R.Job], "the id a cloudstack_vm_control or cloudstack_volume_control call returned");

    private static readonly Dictionary<CloudStackResource, string> TypeValues = new()
    {
        [R.Networks] = "Isolated|Shared|L2",
        [R.Volumes] = "ROOT|DATADISK",
        [R.Snapshots] = "MANUAL|RECURRING",
    };

    /// <summary>Reads what <paramref name="query"/> names.</summary>
    /// <exception cref="Bastion.Core.BastionException">An argument the resource does not take, or a missing one it needs (nothing sent).</exception>
    /// <exception cref="PlatformException">A malformed argument (nothing sent); CloudStack's own error; no VM or several match vm.</exception>
    public async Task<CloudStackListing> ReadAsync(CloudStackQuery query, IProgress<StepProgress>? progress, CancellationToken cancellationToken)
    {
        Check(query);
        var r = query.Resource;
        var limit = query.Limit ?? (r == R.Apis ? 50 : 100);
        var all = query.ListAll == true ? "true" : null;
        switch (r)
        {
            case R.Zones:
                return Listing(r, await client.ListAsync("listZones", "zone", Filters(("available", all), ("keyword", query.Keyword)), limit, Zone.From, cancellationToken), out var zones) with { Zones = zones };
            case R.Templates:
                return Listing(r, await client.ListAsync("listTemplates", "template", Filters(("templatefilter", query.Filter ?? "executable"), ("zoneid", query.ZoneId), ("keyword", query.Keyword)), limit, Template.From, cancellationToken), out var templates) with { Templates = templates };
            case R.Offerings:
                return Listing(r, await client.ListAsync("listServiceOfferings", "serviceoffering", Filters(("zoneid", query.ZoneId), ("virtualmachineid", await VmIdAsync(query.Vm, cancellationToken)), ("keyword", query.Keyword)), limit, ServiceOffering.From, cancellationToken), out var offerings) with { Offerings = offerings };
            case R.Networks:
                return Listing(r, await client.ListAsync("listNetworks", "network", Filters(("zoneid", query.ZoneId), ("type", query.Type), ("keyword", query.Keyword), ("listall", all)), limit, Network.From, cancellationToken), out var networks) with { Networks = networks };
            case R.Vms when query.Vm is { } one:
                var vm = await VmLookup.FindAsync(client, one, cancellationToken);
                return new CloudStackListing("vms", 1, false, null) { Vms = [vm] };
            case R.Vms:
                return Listing(r, await client.ListAsync("listVirtualMachines", "virtualmachine", Filters(("state", query.State), ("zoneid", query.ZoneId), ("keyword", query.Keyword), ("listall", all)), limit, VirtualMachine.From, cancellationToken), out var vms) with { Vms = vms };
            case R.VmMetrics:
                var id = query.Vm is null ? null : (await VmLookup.FindAsync(client, query.Vm, cancellationToken)).Id;
                return Listing(r, await client.ListAsync("listVirtualMachinesMetrics", "virtualmachine", Filters(("id", id), ("state", query.State), ("zoneid", query.ZoneId)), limit, VmMetrics.From, cancellationToken), out var metrics) with { VmMetrics = metrics };
            case R.Volumes:
                return Listing(r, await client.ListAsync("listVolumes", "volume", Filters(("virtualmachineid", await VmIdAsync(query.Vm, cancellationToken)), ("type", query.Type), ("zoneid", query.ZoneId), ("keyword", query.Keyword), ("listall", all)), limit, Volume.From, cancellationToken), out var volumes) with { Volumes = volumes };
            case R.Snapshots:
                return Listing(r, await client.ListAsync("listSnapshots", "snapshot", Filters(("volumeid", query.VolumeId), ("snapshottype", query.Type), ("zoneid", query.ZoneId), ("keyword", query.Keyword), ("listall", all)), limit, Snapshot.From, cancellationToken), out var snapshots) with { Snapshots = snapshots };
            case R.Events:
                return Listing(r, await client.ListAsync("listEvents", "event", Filters(("type", query.Type), ("level", query.Level), ("startdate", query.StartDate), ("enddate", query.EndDate), ("keyword", query.Keyword), ("listall", all)), limit, CloudStackEvent.From, cancellationToken), out var events) with { Events = events };
            case R.Alerts:
                return Listing(r, await client.ListAsync("listAlerts", "alert", Filters(("type", query.Type), ("keyword", query.Keyword)), limit, Alert.From, cancellationToken), out var alerts) with { Alerts = alerts };
            case R.Capacity:
                return Listing(r, await client.ListAsync("listCapacity", "capacity", Filters(("zoneid", query.ZoneId), ("type", query.Type), ("sortby", query.ByUsage == true ? "usage" : null)), limit, Capacity.From, cancellationToken), out var capacity) with { Capacity = capacity };
            case R.Apis:
                var found = await apis.SearchAsync(string.IsNullOrWhiteSpace(query.Keyword) ? null : query.Keyword.Trim(), query.Detail == true, limit, cancellationToken);
                return new CloudStackListing("apis", found.Matching, found.Truncated, found.Note) { Apis = found.Apis, ApisAvailable = found.Available };
            default:
                var job = JobView.From(query.Wait == true
                    ? await client.WaitForJobAsync(query.JobId!, "queried job", progress, cancellationToken)
                    : await client.QueryJobAsync(query.JobId!, cancellationToken));
                return new CloudStackListing("job", 1, false, null) { Job = job };
        }
    }

    /// <summary>The resource's name as the call gives it (snake_case).</summary>
    public static string NameOf(CloudStackResource resource) => ChoiceName.Of(resource);

    private static CloudStackListing Listing<T>(CloudStackResource resource, CloudStackList<T> list, out IReadOnlyList<T> items)
    {
        items = list.Items;
        return new CloudStackListing(NameOf(resource), list.Total, list.Truncated, list.Note);
    }

    // A VM filter given by id is sent as it is; a name is looked up (exactly one VM must have it).
    private async Task<string?> VmIdAsync(string? vm, CancellationToken cancellationToken) =>
        vm is null || Guid.TryParse(vm, out _) ? vm : (await VmLookup.FindAsync(client, vm, cancellationToken)).Id;

    private static void Check(CloudStackQuery q)
    {
        Use.Check(
            q.Resource, ("vm", q.Vm), ("zone_id", q.ZoneId), ("volume_id", q.VolumeId), ("job_id", q.JobId), ("keyword", q.Keyword), ("type", q.Type), ("state", q.State),
            ("filter", q.Filter), ("level", q.Level), ("start_date", q.StartDate), ("end_date", q.EndDate), ("list_all", q.ListAll), ("by_usage", q.ByUsage), ("detail", q.Detail),
            ("wait", q.Wait), ("limit", q.Limit));
        var problems = ValueProblems(q).ToList();
        if (problems.Count > 0)
        {
            throw new PlatformException(CloudStackClient.Platform, string.Join("; ", problems) + ". Nothing was sent.");
        }
    }

    private static IEnumerable<string> ValueProblems(CloudStackQuery q)
    {
        var r = q.Resource;
        if (q.Limit is { } limit && (limit < 1 || limit > (r == R.Apis ? 200 : 1000)))
        {
            yield return $"limit must be 1-{(r == R.Apis ? 200 : 1000)}, not {limit}";
        }

        foreach (var (argument, value) in new[] { ("zone_id", q.ZoneId), ("volume_id", q.VolumeId), ("job_id", q.JobId) })
        {
            if (value is not null && !Matches(value, IdPattern))
            {
                yield return $"{argument} must be a CloudStack id (letters, digits and '-', at most 64), not '{value}'";
            }
        }

        if (q.Vm is { Length: 0 or > 255 })
        {
            yield return "vm must be a VM id or name of 1-255 characters";
        }

        if (q.Keyword is { Length: > 200 })
        {
            yield return "keyword must be at most 200 characters";
        }

        if (q.State is not null && !Matches(q.State, "^[A-Za-z]{1,32}$"))
        {
            yield return $"state must be a VM state such as Running or Stopped, not '{q.State}'";
        }

        if (q.Filter is not null && !Matches(q.Filter, "^(featured|self|selfexecutable|sharedexecutable|executable|community|all)$"))
        {
            yield return $"filter must be featured, self, selfexecutable, sharedexecutable, executable, community or all, not '{q.Filter}'";
        }

        if (q.Level is not null && !Matches(q.Level, "^(INFO|WARN|ERROR)$"))
        {
            yield return $"level must be INFO, WARN or ERROR, not '{q.Level}'";
        }

        foreach (var (argument, value) in new[] { ("start_date", q.StartDate), ("end_date", q.EndDate) })
        {
            if (value is not null && !DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return $"{argument} must be a date yyyy-MM-dd, not '{value}'";
            }
        }

        if (q.Type is { } type && TypeProblem(r, type) is { } problem)
        {
            yield return problem;
        }
    }

    private static string? TypeProblem(CloudStackResource r, string type)
    {
        if (TypeValues.TryGetValue(r, out var values))
        {
            return Matches(type, $"^({values})$") ? null : $"type for {NameOf(r)} must be {values.Replace("|", ", ", StringComparison.Ordinal)}, not '{type}'";
        }

        if (r == R.Events)
        {
            return Matches(type, "^[A-Za-z0-9._]{1,64}$") ? null : $"type for events must be an event type such as VM.CREATE, not '{type}'";
        }

        var most = r == R.Capacity ? 99 : 1000;
        return int.TryParse(type, NumberStyles.None, CultureInfo.InvariantCulture, out var code) && code <= most
            ? null
            : $"type for {NameOf(r)} must be a number 0-{most}, not '{type}'";
    }

    private static bool Matches(string value, string pattern) => Regex.IsMatch(value, pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
}
