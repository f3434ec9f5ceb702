using System.ComponentModel;
using System.Text.Json;
using Bastion.Providers.Alpacon.Api;
using Bastion.Providers.Alpacon.Commands;
using Bastion.Providers.Alpacon.Events;
using Bastion.Providers.Alpacon.Iam;
using Bastion.Providers.Alpacon.Metrics;
using Bastion.Providers.Alpacon.Notes;
using Bastion.Providers.Alpacon.Servers;

namespace Bastion.Providers.Alpacon.Listing;

/// <summary>
/// What <c>alpacon_list</c> read: one bounded list of the resource asked. Exactly one of the lists is set, the one of
/// <see cref="Resource"/> (servers, events, commands, notes, users, groups, series; items for the others).
/// </summary>
internal sealed record AlpaconListing(
    [property: Description("The resource read, as asked.")] string Resource,
    [property: Description("The Alpacon workspace asked.")] string Workspace,
    [property: Description("Bastion host name of the server asked about; null for workspace-wide lists.")] string? Host,
    [property: Description("The Alpacon API path read, e.g. /api/events/events/.")] string Source,
    [property: Description("How many Alpacon has for the query (its count), or how many were seen when it gives none.")] int Total,
    [property: Description("True when Alpacon has more than are returned; raise limit or narrow the filter.")] bool Truncated,
    [property: Description("servers: agent connected, OS, load, boot time, cores, memory, Bastion host name.")] IReadOnlyList<AlpaconServerInfo>? Servers,
    [property: Description("events, newest first.")] IReadOnlyList<AlpaconEvent>? Events,
    [property: Description("commands, newest first: status, exit code, output.")] IReadOnlyList<AlpaconCommandInfo>? Commands,
    [property: Description("notes on the server: text, author, pinned, private, date.")] IReadOnlyList<AlpaconNote>? Notes,
    [property: Description("iam_users.")] IReadOnlyList<AlpaconIamUser>? Users,
    [property: Description("iam_groups.")] IReadOnlyList<AlpaconIamGroup>? Groups,
    [property: Description("top, alerts, alert_rules and the agent's reports (system … time): " + AlpaconText.Items)] IReadOnlyList<JsonElement>? Items,
    [property: Description("metrics: the series' statistics and newest points.")] MetricSeries? Series,
    [property: Description("Remarks, e.g. why the list is cut.")] IReadOnlyList<string> Remarks);
