using System.ComponentModel;
using Bastion.Core.Linux;

namespace Bastion.Core.Services;

/// <summary>Services of a host, from systemd or OpenRC.</summary>
public sealed record ServiceList(
    [property: Description("Inventory name of the host.")] string Host,
    [property: Description("Service manager that was read: systemd or openrc; null when neither runs.")] string? Manager,
    [property: Description("Services that matched the filters.")] int Total,
    [property: Description("Matching services by name, at most limit.")] IReadOnlyList<ServiceUnit> Services,
    [property: Description("True when more services matched than were returned.")] bool Truncated,
    [property: Description("Why the list is empty or incomplete, in words (e.g. 'systemd is not running on this host'); null when it is not.")] string? Note);
