using System.CommandLine;
using Bastion.Cli;

var root = new RootCommand("Bastion: an MCP server through which AI assistants inspect Linux hosts, locally and over SSH.")
{
    ServerFlags.DataDirectory,
    ServeCommand.Create(),
    ToolsCommand.Create(),
    CallCommand.Create(),
    HostsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
