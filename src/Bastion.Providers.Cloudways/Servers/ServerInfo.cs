using System.ComponentModel;
using Bastion.Providers.Cloudways.Api;
using Bastion.Providers.Cloudways.Monitoring;
using Bastion.Providers.Cloudways.Operations;

namespace Bastion.Providers.Cloudways.Servers;

/// <summary>Result of cloudways_server: the part that fits <see cref="Resource"/> is set, the others are null.</summary>
internal sealed record ServerInfo(
    [property: Description("The resource read.")] ServerResource Resource,
    [property: Description("details: the server and its apps.")] ServerDetails? Details,
    [property: Description("settings, services, whitelist (ip_list), monitor: Cloudways' answer as it came.")] CloudwaysData? Data,
    [property: Description("disk_usage, usage: the finished operation and what it produced.")] OperationReport? Report,
    [property: Description("bandwidth, disk: one timestamped series per app.")] MonitorSummary? Summary);
