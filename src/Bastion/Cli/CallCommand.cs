using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Bastion.Core;

namespace Bastion.Cli;

/// <summary>
/// <c>bastion call TOOL [key=value…] [--table]</c>: runs one tool in-process, through the same MCP pipeline a client
/// uses, and prints its structured result as JSON (or as tables). A call that needs confirmation is asked about at a
/// terminal (the plan, y/N), confirmed by <c>--yes</c>, and refused without either. Exit code 0 on success, 1 on a tool
/// error or a refusal, 2 on bad usage.
/// </summary>
internal static class CallCommand
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, TypeInfoResolver = CommonJson.Default };

    public static Command Create()
    {
        var tool = new Argument<string>("tool") { Description = "Tool name, e.g. metrics_sample (see bastion tools)." };
        var arguments = new Argument<string[]>("arguments") { Description = "Tool arguments as key=value, e.g. limit=5 sort=memory.", Arity = ArgumentArity.ZeroOrMore };
        var table = new Option<bool>("--table") { Description = "Print the result as tables instead of JSON." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Confirm a call that needs confirmation without asking (for scripts; recorded in the audit log as confirmed by you). Without it, a terminal is asked y/N and anything else is refused." };
        var logLevel = CommonOptions.LogLevel();
        var command = new Command("call", "Run one tool and print its result.") { tool, arguments, table, yes, logLevel };
        ServerFlags.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var confirmation = new CliConfirmation(parse.GetValue(yes), !Console.IsInputRedirected, Console.In, Console.Error);
            var code = await InProcessCall.RunAsync(
                parse,
                parse.GetValue(logLevel),
                parse.GetValue(tool)!,
                match => CallArguments.Parse(parse.GetValue(arguments) ?? [], match.ProtocolTool.InputSchema),
                result =>
                {
                    if (result.StructuredContent is not { } structured)
                    {
                        Console.Out.WriteLine(InProcessCall.Text(result));
                    }
                    else if (parse.GetValue(table))
                    {
                        ResultTables.Write(parse.GetValue(tool)!, structured);
                    }
                    else
                    {
                        Console.Out.WriteLine(JsonSerializer.Serialize(structured, (JsonTypeInfo<JsonElement>)Indented.GetTypeInfo(typeof(JsonElement))));
                    }
                },
                cancellationToken,
                confirmation.ClientOptions());
            if (confirmation.RefusedUnasked)
            {
                await Console.Error.WriteLineAsync($"{parse.GetValue(tool)} needs your confirmation and there is no terminal to ask at: nothing ran. Run it again with --yes to confirm (recorded in the audit log as confirmed by you).");
            }

            return code;
        });
        return command;
    }
}
