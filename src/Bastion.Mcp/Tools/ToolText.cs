namespace Bastion.Mcp.Tools;

/// <summary>Parameter descriptions several toolsets share.</summary>
internal static class ToolText
{
    public const string Target = "Hosts: a name, names joined by commas, a wildcard (web-*), a group (@web), a label (env=prod) or all. Default: local.";

    public const string Host = "Inventory name of one host (see hosts_list); default local.";

    public const string Filter = "Only entries whose name contains this text (case-insensitive). Omit for all.";
}
