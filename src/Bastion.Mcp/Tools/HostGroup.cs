using System.ComponentModel;

namespace Bastion.Mcp.Tools;

/// <summary>A group of the inventory.</summary>
public sealed record HostGroup(
    [property: Description("Group name; select it with target '@name'.")] string Name,
    [property: Description("Hosts in the group.")] int Hosts);
