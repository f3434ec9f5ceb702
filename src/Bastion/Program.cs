using System.CommandLine;
using Bastion.Cli;
using Spectre.Console;

if (Console.IsOutputRedirected)
{
    // Tables written to a file or a pipe: wide, and without colour codes.
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
    AnsiConsole.Profile.Capabilities.Ansi = false;
}

var root = new RootCommand("Bastion: an MCP server through which AI assistants inspect Linux hosts, locally and over SSH.")
{
    ServerFlags.DataDirectory,
    ServeCommand.Create(),
    ToolsCommand.Create(),
    CallCommand.Create(),
    HostsCommand.Create(),
    AuditCommand.Create(),
    ConfigCommand.Create(),
    DoctorCommand.Create(),
    SetupCommand.Create(),
};

// '@web' is a target (the group web), not a response file.
return await root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null }).InvokeAsync();
