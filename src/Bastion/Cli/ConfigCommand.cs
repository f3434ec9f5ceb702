using System.CommandLine;

namespace Bastion.Cli;

/// <summary><c>bastion config CLIENT</c>: the exact snippet or command that adds this Bastion to an MCP client.</summary>
internal static class ConfigCommand
{
    public static Command Create()
    {
        var client = new Argument<string>("client") { Description = "claude-desktop, claude-code, cursor or vscode." };
        client.AcceptOnlyFromAmong([.. ClientConfig.Clients]);
        var mode = new Option<string?>("--mode") { Description = "Mode the client should start Bastion in: read-only (default), operator, admin." };
        mode.AcceptOnlyFromAmong("read-only", "operator", "admin");
        var command = new Command("config", "Print how to add Bastion to an MCP client, with this machine's paths.") { client, mode };
        command.SetAction(parse =>
        {
            var arguments = new List<string> { "--data-dir", ServerFlags.Paths(parse).DataDirectory };
            if (parse.GetValue(mode) is { } m && m != "read-only")
            {
                arguments.AddRange(["--mode", m]);
            }

            var (program, args) = ClientConfig.ServeCommand(arguments);
            Console.Out.Write(ClientConfig.Render(parse.GetValue(client)!, program, args));
            return 0;
        });
        return command;
    }
}
