using Bastion.Core.Inventory;

namespace Bastion.Mcp.Tools;

/// <summary>Parameter descriptions several toolsets share.</summary>
internal static class ToolText
{
    public const string Target = "Hosts to run on: " + TargetSelector.Grammar + ". Default: local (the machine Bastion runs on).";

    public const string Host = "Inventory name of one host (see hosts_list); default local.";

    public const string Filter = "Only entries whose name contains this text (case-insensitive). Omit for all.";
}
