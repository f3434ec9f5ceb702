using System.CommandLine;
using Bastion.Cli;

var root = new RootCommand("Bastion: an MCP server through which AI assistants inspect Linux hosts.")
{
    ServeCommand.Create(),
    ToolsCommand.Create(),
    CallCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
