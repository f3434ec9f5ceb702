namespace Bastion.Mcp.Tools;

/// <summary>Parameter descriptions several toolsets share.</summary>
internal static class ToolText
{
    public const string Target = "Hosts: name, a,b, web-*, @group, key=value or all.";

    public const string Host = "One host's inventory name (see hosts_list).";

    public const string Filter = "Only names containing this (case-insensitive).";
}
