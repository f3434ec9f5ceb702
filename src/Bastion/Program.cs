using System.CommandLine;
using Bastion.Cli;
using Bastion.Cli.Import;
using Bastion.Core;
using Spectre.Console;

var root = new RootCommand("Bastion: an MCP server through which AI assistants inspect Linux hosts, locally and over SSH.")
{
    ServerFlags.DataDirectory,
    ServeCommand.Create(),
    CollectCommand.Create(),
    ToolsCommand.Create(),
    CallCommand.Create(),
    HistoryCommand.Create(),
    TopCommand.Create(),
    AlertsCommand.Create(),
    HostsCommand.Create(),
    AuditCommand.Create(),
    ConfigCommand.Create(),
    DoctorCommand.Create(),
    SetupCommand.Create(),
    VaultCommand.Create(),
    CloudStackCommand.Create(),
    ImportCommand.Create(),
    KeysCommand.Create(),
    MigrateCommand.Create(),
};

root.SetAction((parse, cancellationToken) => BareStart.RunAsync(root, parse, cancellationToken));

// No verb: a client launched us (stdin is not a terminal), so serve, as `uvx alpacon-mcp` does.
args = BareStart.Arguments(root, args, stdinIsTerminal: !Console.IsInputRedirected);

// '@web' is a target (the group web), not a response file.
var parserConfiguration = new ParserConfiguration { ResponseFileTokenReplacer = null };
var parse = root.Parse(args, parserConfiguration);

// Options not on the command line may come from BASTION_* variables (BASTION_MODE, BASTION_TOOLSETS, …).
EnvironmentOptions.Describe(root);
var (withEnvironment, fromEnvironment) = EnvironmentOptions.Apply(root, parse, args);
if (fromEnvironment.Count > 0)
{
    parse = root.Parse(withEnvironment, parserConfiguration);
    if (parse.Errors.Count > 0)
    {
        await Console.Error.WriteLineAsync($"(options set from the environment: {string.Join(", ", fromEnvironment)})");
    }
}

if (Console.IsOutputRedirected && parse.CommandResult.Command.Name != "serve")
{
    // Tables written to a file or a pipe: wide, and without colour codes. Not for serve, which writes no tables: Spectre's
    // console detection would cost it ~12 ms before the first initialize answer (see bench/README.md).
    AnsiConsole.Profile.Width = Math.Max(AnsiConsole.Profile.Width, 200);
    AnsiConsole.Profile.Capabilities.Ansi = false;
}

try
{
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (BastionException e)
{
    // A problem the user can fix (a bad flag value, a vault that does not open, …): its message, no stack trace.
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
